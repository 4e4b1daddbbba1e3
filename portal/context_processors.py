from django.conf import settings
from django.utils.translation import get_language


def municipality(request):
    """The city's names in the current language, for headers, footers and titles."""
    city = settings.MUNICIPALITY
    english = (get_language() or "ja").startswith("en")
    return {
        "municipality": {
            "name": city["name_en"] if english else city["name_ja"],
            "prefecture": city["prefecture_en"] if english else city["prefecture_ja"],
            "phone": city["phone"],
            "code": city["code"],
        }
    }
