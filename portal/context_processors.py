from .municipality import city, city_name, department_name, prefecture_name


def municipality(request):
    """The city's names in the current language, for headers, footers and titles."""
    facts = city()
    return {
        "municipality": {
            "name": city_name(),
            "prefecture": prefecture_name(),
            "phone": facts.phone,
            "code": facts.code,
            "department": department_name(),
        }
    }
