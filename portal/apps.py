from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The ground every feature stands on; it imports no other app of ours."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import purge_on_page_change

        for signal in (page_published, page_unpublished, post_page_move, post_delete):
            signal.connect(purge_on_page_change, dispatch_uid=f"page-cache-{id(signal)}")
