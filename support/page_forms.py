"""The intake page's editing form: its questions are the coordinators'.

District staff may edit the intake page of their district (its introduction
and thank-you text), but not its questions: a question of their own could
collect health data past the special-care consent. For anyone but the
coordinators the form leaves the questions' formset out, so a crafted post
cannot change them either, and the panel lists them read-only.
"""

from __future__ import annotations

from wagtail.admin.panels import InlinePanel, Panel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from portal.slugs import RomajiSlugFormMixin

QUESTIONS = "form_fields"


def can_edit_questions(user) -> bool:
    from .access import is_coordinator

    return is_coordinator(user)


class IntakePageForm(RomajiSlugFormMixin, WagtailAdminFormPageForm):
    """The form builder's page form (it checks the questions) with the portal's slugs,
    without the questions for anyone but coordinators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_edit_questions(self.for_user):
            self.formsets.pop(QUESTIONS, None)


class QuestionsPanel(InlinePanel):
    """The extra questions: an inline editor for coordinators, a read-only list otherwise."""

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and self.relation_name not in form.formsets:
            return ReadOnlyQuestions(
                panel=self, instance=instance, request=request, form=form, prefix=prefix
            )
        return super().get_bound_panel(instance, request, form, prefix)


class ReadOnlyQuestions(Panel.BoundPanel):
    template_name = "support/admin/intake_questions_read_only.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        questions = getattr(self.instance, self.panel.relation_name, None)
        context["questions"] = list(questions.all()) if questions is not None else []
        return context
