from django.conf import settings

from .municipality import city_name, prefecture_name


def municipality(request):
    """The city's names in the current language, for headers, footers and titles."""
    return {
        "municipality": {
            "name": city_name(),
            "prefecture": prefecture_name(),
            "phone": settings.MUNICIPALITY["phone"],
            "code": settings.MUNICIPALITY["code"],
        }
    }
