from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The ground every feature stands on; it imports no other app of ours."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from .csv_files import escape_formulas_in_wagtail_exports

        escape_formulas_in_wagtail_exports()

        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .locales import forget_locales, memoise_locale_lookups

        memoise_locale_lookups()
        for signal in (post_save, post_delete):
            signal.connect(forget_locales, sender=Locale, dispatch_uid=f"locale-memo-{id(signal)}")

        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import purge_on_page_change, purge_on_publish

        for signal in (page_published, page_unpublished):
            signal.connect(purge_on_publish, dispatch_uid=f"page-cache-{id(signal)}")
        for signal in (post_page_move, post_delete):
            signal.connect(purge_on_page_change, dispatch_uid=f"page-cache-{id(signal)}")

        from django.apps import apps
        from wagtail.models import PageViewRestriction, Site

        from .page_cache import purge_on_change
        from .taxonomy import AbstractTaxonomy

        # What changes every page without a publish: privacy, word lists, the site, a
        # language (kept by portal.locales).
        senders = [PageViewRestriction, Site, Locale]
        senders += [model for model in apps.get_models() if issubclass(model, AbstractTaxonomy)]
        for model in senders:
            for signal in (post_save, post_delete):
                signal.connect(
                    purge_on_change,
                    sender=model,
                    dispatch_uid=f"page-cache-{model._meta.label}-{id(signal)}",
                )

        from .translation import sync_translations_on_publish

        # Publishing a default-locale page updates and publishes its translations.
        page_published.connect(sync_translations_on_publish, dispatch_uid="portal-translations")

        from django.db.models.signals import pre_delete

        from . import search

        # The site search follows publishing (deleting cascades to the index).
        page_published.connect(search.page_published, dispatch_uid="portal-search-published")
        page_unpublished.connect(search.page_unpublished, dispatch_uid="portal-search-unpublished")
        post_page_move.connect(search.page_moved, dispatch_uid="portal-search-moved")
        pre_delete.connect(
            search.document_deleted,
            sender="portal.SearchDocument",
            dispatch_uid="portal-search-document-deleted",
        )

        from django.db.models.signals import post_save

        from .municipality import city_settings_saved

        # The city's settings are cached, and shown on every page.
        post_save.connect(
            city_settings_saved, sender="portal.CitySettings", dispatch_uid="portal-city-settings"
        )
