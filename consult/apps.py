from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultConfig(AppConfig):
    name = "consult"
    verbose_name = _("Consultation windows")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal.page_cache import purge_on_change

        from .models import ConsultationWindow

        # A window shows on /consult/ and on the district pages it serves: edited a few
        # times a year, so an edit purges everything rather than tracking which pages.
        for signal in (post_save, post_delete):
            signal.connect(
                purge_on_change, sender=ConsultationWindow, dispatch_uid=f"consult-{id(signal)}"
            )
        m2m_changed.connect(
            purge_on_change,
            sender=ConsultationWindow.districts.through,
            dispatch_uid="consult-districts",
        )
