"""The form builder's submissions list, restricted to the cases the user may see.

Wagtail shows a form page's submissions to anyone who can edit the page; for
an intake page that would be every district's people. `SupportIntakePage`
serves this view instead: it asks `support.access` (not page permissions)
who may look, lists only the submissions whose case the user may see, and
records the look (and any spreadsheet export) in the audit log. Deleting
submissions is refused for intake pages (`wagtail_hooks`): a submission
belongs to its case, which is anonymised, never deleted.
"""

from __future__ import annotations

from wagtail.contrib.forms.views import SubmissionsListView

from . import access, audit
from .choices import AuditAction


class IntakeSubmissionsListView(SubmissionsListView):
    def dispatch(self, request, *args, **kwargs):
        self.form_page = kwargs.get("form_page")
        if not access.uses_support(request.user):
            from .admin_views import forbidden

            return forbidden(request)
        if self.is_export:
            data_fields = self.form_page.get_data_fields()
            self.list_export = [field for field, _label in data_fields]
            self.export_headings = dict(data_fields)
        audit.record(
            request.user,
            AuditAction.EXPORT if self.is_export else AuditAction.SUBMISSIONS,
            detail=f"intake page={self.form_page.pk}",
        )
        # Skip SubmissionsListView.dispatch: its check is "can edit the page".
        return super(SubmissionsListView, self).dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return self.form_page.get_submissions().filter(
            case__in=access.visible_cases(self.request.user)
        )
