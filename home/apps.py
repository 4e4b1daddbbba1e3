from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Districts, the district index, the home page and the policy pages."""

    name = "home"
    verbose_name = "Home and districts"
