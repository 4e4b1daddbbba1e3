from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Districts, the district index, the home page and the policy pages."""

    name = "home"
    verbose_name = "Home and districts"

    def ready(self):
        from portal.demo import register_demo_loader

        from .demo import load_demo_districts

        register_demo_loader("districts", load_demo_districts, order=10)
