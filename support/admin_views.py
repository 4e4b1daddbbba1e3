"""The staff screens of participation support, in the Wagtail admin.

Plain Django views, registered with `register_admin_urls`: each one gets its
cases from `support.access` (list, search, export: `visible_cases`; one case:
`get_case`, a 404 for a case out of reach), writes through `support.services`,
and records what it showed or changed in the audit log. URLs carry a case's
primary key, never anything a person wrote. Posted values are kept out of
Django's error reports, and no page is cached.
"""

from __future__ import annotations

from itertools import chain

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal.admin_guards import choosable_pages
from portal.csv_files import csv_response

from . import access, audit, services
from .admin_forms import (
    AssignForm,
    CaseForm,
    CaseSearchForm,
    ContactForm,
    DistrictForm,
    EscalateForm,
    MatchForm,
    MatchOutcomeForm,
    MemberForm,
    StatusForm,
    TakeUpForm,
)
from .choices import AuditAction, ConsentMethod, Status
from .filters import CaseFilterSet
from .models import AuditEntry, CaseMatch, CaseMember, SupportIntakePage


def forbidden(request) -> TemplateResponse:
    """A plain 403 in the admin's furniture.

    Wagtail turns a PermissionDenied into a redirect to the dashboard; a refusal
    to show personal data should say so, with the status code that means it."""
    return TemplateResponse(request, "support/admin/forbidden.html", status=403)


def display_user(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class SupportView(WagtailAdminTemplateMixin, TemplateView):
    """Base of every staff screen: only for people who work cases at all."""

    header_icon = "group"
    coordinators_only = False

    def dispatch(self, request, *args, **kwargs):
        if not access.uses_support(request.user):
            return forbidden(request)
        if self.coordinators_only and not access.is_coordinator(request.user):
            return forbidden(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("support_cases:list"), "label": _("Participation support")},
            {"url": "", "label": self.get_page_title()},
        ]


# --- The list ---------------------------------------------------------------------------------


class CaseListView(SupportView):
    """The cases the user may see, filtered by GET (no personal data in those filters).

    Searching by name, reading, phone or reference is a POST: what staff type
    to find a person never goes into a URL, the server's access log or the
    browser's history. The filters stay in the query string, so they page."""

    template_name = "support/admin/case_list.html"
    page_title = gettext_lazy("Support cases")
    search_limit = 100

    def filtered_cases(self, *, searching: bool = False):
        user = self.request.user
        query = self.request.GET.copy()
        if not query.get("status"):
            # The list opens on the open cases; a search for a person looks through
            # every status (they may come back after their case was closed).
            query["status"] = CaseFilterSet.ALL if searching else CaseFilterSet.OPEN
        cases = access.visible_cases(user).select_related("district", "lead", "suggested_district")
        self.filterset = CaseFilterSet(query, cases, request=self.request)
        return self.filterset.qs

    @staticmethod
    def searched(cases, query: str):
        query = query.strip()
        if not query:
            return cases
        digits = "".join(ch for ch in query if ch.isdigit())
        search = (
            Q(reference__icontains=query) | Q(name__icontains=query) | Q(furigana__icontains=query)
        )
        if len(digits) >= 4:
            search |= Q(phone__contains=digits[-4:])
        return cases.filter(search)

    def filter_summary(self, searched: bool = False) -> str:
        """Which filters were used, for the audit log: names only, never the search words."""
        used = ["search"] if searched else []
        for name, value in self.filterset.valid_data.items():
            if value:
                used.append(f"{name}={getattr(value, 'pk', value)}")
        return " ".join(used)

    def get(self, request, *args, **kwargs):
        cases = self.filtered_cases()
        if request.GET.get("export") == "csv":
            return self.export(cases, self.filter_summary())
        page = Paginator(cases, 50).get_page(request.GET.get("p"))
        return self.render_list(page, CaseSearchForm(), searching=False)

    def post(self, request, *args, **kwargs):
        cases = self.filtered_cases(searching=True)
        search_form = CaseSearchForm(request.POST)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        cases = self.searched(cases, query)
        if request.POST.get("export") == "csv":
            return self.export(cases, self.filter_summary(searched=True))
        page = Paginator(cases, self.search_limit).get_page(1)
        return self.render_list(page, search_form, searching=True)

    def render_list(self, page, search_form, *, searching: bool):
        request = self.request
        audit.record(
            request.user,
            AuditAction.LIST,
            detail=f"count={page.paginator.count} {self.filter_summary(searching)}",
        )
        query = request.GET.copy()
        query.pop("p", None)
        query.pop("export", None)
        all_statuses = query.copy()
        all_statuses["status"] = CaseFilterSet.ALL
        context = self.get_context_data(
            showing_open=self.filterset.form["status"].value() == CaseFilterSet.OPEN,
            all_statuses_query=all_statuses.urlencode(),
            cases=page,
            filter_form=self.filterset.form,
            search_form=search_form,
            searching=searching,
            search_limit=self.search_limit,
            today=timezone.localdate(),
            can_open=access.can_open_cases(request.user),
            query=query.urlencode(),
            # Live pages and the user's own drafts: another district's draft is not named.
            intake_pages=choosable_pages(
                request.user,
                SupportIntakePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
            ).order_by("path"),
        )
        return self.render_to_response(context)

    def export(self, cases, summary: str):
        """The working list as CSV: no health answers, no free text."""
        response, writer = csv_response(f"support-cases-{timezone.localdate():%Y%m%d}.csv")
        writer.writerow(
            [
                _("reference"),
                _("status"),
                _("district"),
                _("received"),
                _("name"),
                _("furigana"),
                _("phone"),
                _("email"),
                _("lead"),
                _("next follow-up"),
            ]
        )
        count = 0
        for case in cases:
            count += 1
            writer.writerow(
                [
                    case.reference,
                    case.get_status_display(),
                    case.district.title if case.district else "",
                    timezone.localtime(case.created_at).strftime("%Y-%m-%d"),
                    case.name,
                    case.furigana,
                    case.phone,
                    case.email,
                    display_user(case.lead),
                    case.next_follow_up.isoformat() if case.next_follow_up else "",
                ]
            )
        audit.record(self.request.user, AuditAction.EXPORT, detail=f"count={count} {summary}")
        return response


# --- Opening a case from a call or a visit ----------------------------------------------------


class CaseCreateView(SupportView):
    template_name = "support/admin/case_form.html"
    page_title = gettext_lazy("New case from a call or a visit")

    def dispatch(self, request, *args, **kwargs):
        if not access.can_open_cases(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = CaseForm(user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = CaseForm(request.POST, user=request.user)
        if form.is_valid():
            case = services.open_case_by_staff(form.cleaned_data, by=request.user)
            messages.success(
                request, _("Case %(reference)s opened.") % {"reference": case.reference}
            )
            return redirect("support_cases:detail", case.pk)
        return self.render_to_response(self.get_context_data(form=form))


# --- One case ---------------------------------------------------------------------------------


class CaseDetailView(SupportView):
    """The case, its timeline, team, matches and every action form."""

    template_name = "support/admin/case_detail.html"
    work = False
    manage = False

    def get_page_title(self):
        return _("Case %(reference)s") % {"reference": self.case.reference}

    def load_case(self):
        self.case = access.get_case(
            self.request.user, self.kwargs["pk"], work=self.work, manage=self.manage
        )
        return self.case

    def forms(self, bound: dict | None = None) -> dict:
        """Every action form the user may use; `bound` replaces one with its posted version.

        Team members from outside the district get the contact form only (support.access)."""
        case, user = self.case, self.request.user
        if not access.can_work(user, case):
            return {}
        forms = {
            "contact_form": ContactForm(
                case=case, prefix="contact", initial={"happened_at": timezone.now()}
            )
        }
        if not access.can_manage(user, case):
            forms.update(bound or {})
            return forms
        forms |= {
            "status_form": StatusForm(case=case, prefix="status"),
            "assign_form": AssignForm(case=case, prefix="assign"),
            "member_form": MemberForm(case=case, prefix="member"),
            "match_form": MatchForm(prefix="match", user=user),
            "escalate_form": EscalateForm(prefix="escalate"),
        }
        if access.is_coordinator(user):
            forms["take_up_form"] = TakeUpForm(case=case, prefix="takeup")
            forms["district_form"] = DistrictForm(case=case, user=user, prefix="district")
        forms.update(bound or {})
        return forms

    def get(self, request, *args, **kwargs):
        self.load_case()
        return self.render_case()

    def render_case(self, bound: dict | None = None, status: int = 200):
        case, user = self.case, self.request.user
        audit.record(user, AuditAction.VIEW, case)
        forms = self.forms(bound)
        matches = list(case.matches.select_related("page", "recorded_by"))
        outcome_forms = {
            match.pk: (bound or {}).get(f"match_{match.pk}")
            or MatchOutcomeForm(
                prefix=f"match-{match.pk}", initial={"outcome": match.outcome, "note": match.note}
            )
            for match in matches
        }
        media = None
        for form in forms.values():
            media = form.media if media is None else media + form.media
        context = self.get_context_data(
            case=case,
            timeline=self.timeline(),
            members=case.members.select_related("user", "added_by", "removed_by"),
            matches=[(match, outcome_forms[match.pk]) for match in matches],
            consents=case.consents.select_related("recorded_by"),
            extra_answers=self.extra_answers(),
            can_work=access.can_work(user, case),
            can_manage=access.can_manage(user, case),
            is_coordinator=access.is_coordinator(user),
            media=media,
            today=timezone.localdate(),
            **forms,
        )
        return self.render_to_response(context, status=status)

    def timeline(self) -> list[dict]:
        case = self.case
        changes = [
            {
                "at": change.changed_at,
                "kind": "status",
                "title": _("Status: %(from)s → %(to)s")
                % {
                    "from": Status(change.from_status).label if change.from_status else "—",
                    "to": Status(change.to_status).label,
                },
                "by": display_user(change.changed_by),
                "text": change.note,
            }
            for change in case.status_changes.select_related("changed_by")
        ]
        contacts = [
            {
                "at": contact.happened_at,
                "kind": "contact",
                "title": contact.get_kind_display(),
                "by": display_user(contact.recorded_by),
                "text": contact.notes,
            }
            for contact in case.contacts.select_related("recorded_by")
        ]
        return sorted(chain(changes, contacts), key=lambda item: item["at"], reverse=True)

    def extra_answers(self) -> list[tuple[str, str]]:
        submission = getattr(self.case, "submission", None)
        if submission is None or not submission.form_data:
            return []
        labels = {}
        page = submission.page.specific if submission.page_id else None
        if page is not None and hasattr(page, "get_form_fields"):
            labels = {field.clean_name: field.label for field in page.get_form_fields()}
        answers = []
        for name, value in submission.form_data.items():
            if isinstance(value, list):
                value = "、".join(str(item) for item in value)
            answers.append((labels.get(name, name), "" if value is None else str(value)))
        return answers

    def back(self, anchor: str = ""):
        url = reverse("support_cases:detail", args=[self.case.pk])
        return redirect(f"{url}#{anchor}" if anchor else url)


class CaseActionView(CaseDetailView):
    """One POSTed action on a case: done through the services, or the page again with errors.

    Actions are for those who manage the case (support.access.managed_cases) unless
    the view says otherwise (recording a contact: every team member)."""

    work = True
    manage = True
    coordinator_action = False
    form_key = ""
    anchor = ""
    success_message = ""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def make_form(self, data):
        raise NotImplementedError

    def act(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.load_case()
        if self.coordinator_action and not access.is_coordinator(request.user):
            return forbidden(request)
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.act(form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message or _("Saved."))
                return self.back(self.anchor)
        return self.render_case({self.form_key: form})


class StatusView(CaseActionView):
    form_key, anchor = "status_form", "status"
    success_message = gettext_lazy("Status changed.")

    def make_form(self, data):
        return StatusForm(data, case=self.case, prefix="status")

    def act(self, form):
        services.change_status(
            self.case,
            form.cleaned_data["to_status"],
            by=self.request.user,
            note=form.cleaned_data["note"],
        )


class AssignView(CaseActionView):
    form_key, anchor = "assign_form", "assign"
    success_message = gettext_lazy("Lead and follow-up date saved.")

    def make_form(self, data):
        return AssignForm(data, case=self.case, prefix="assign")

    def act(self, form):
        services.assign(
            self.case,
            by=self.request.user,
            lead=form.cleaned_data["lead"],
            next_follow_up=form.cleaned_data["next_follow_up"],
        )


class ContactView(CaseActionView):
    manage = False
    form_key, anchor = "contact_form", "timeline"
    success_message = gettext_lazy("Contact recorded.")

    def make_form(self, data):
        return ContactForm(data, case=self.case, prefix="contact")

    def act(self, form):
        services.record_contact(self.case, by=self.request.user, **form.cleaned_data)


class MemberAddView(CaseActionView):
    form_key, anchor = "member_form", "team"
    success_message = gettext_lazy("Team member added, with the basis for sharing recorded.")

    def make_form(self, data):
        return MemberForm(data, case=self.case, prefix="member")

    def act(self, form):
        services.add_member(
            self.case,
            form.cleaned_data["user"],
            by=self.request.user,
            basis=form.cleaned_data["basis"] or None,
            role=form.cleaned_data["role"],
        )


class MemberRemoveView(CaseActionView):
    anchor = "team"
    success_message = gettext_lazy("Team member removed.")

    def post(self, request, *args, **kwargs):
        self.load_case()
        member = get_object_or_404(
            CaseMember, pk=kwargs["member_pk"], case=self.case, removed_at__isnull=True
        )
        if self.case.confidential and not access.is_coordinator(request.user):
            return forbidden(request)
        services.remove_member(member, by=request.user)
        messages.success(request, self.success_message)
        return self.back(self.anchor)


class MatchAddView(CaseActionView):
    form_key, anchor = "match_form", "matches"
    success_message = gettext_lazy("Matched resource recorded.")

    def make_form(self, data):
        return MatchForm(data, prefix="match", user=self.request.user)

    def act(self, form):
        services.add_match(self.case, by=self.request.user, **form.cleaned_data)


class MatchUpdateView(CaseActionView):
    anchor = "matches"
    success_message = gettext_lazy("Outcome saved.")

    def post(self, request, *args, **kwargs):
        self.load_case()
        match = get_object_or_404(CaseMatch, pk=kwargs["match_pk"], case=self.case)
        form = MatchOutcomeForm(request.POST, prefix=f"match-{match.pk}")
        if form.is_valid():
            services.update_match(match, by=request.user, **form.cleaned_data)
            messages.success(request, self.success_message)
            return self.back(self.anchor)
        return self.render_case({f"match_{match.pk}": form})


class EscalateView(CaseActionView):
    form_key, anchor = "escalate_form", "meeting"
    success_message = gettext_lazy("Escalated: the coordinators have been notified.")

    def make_form(self, data):
        return EscalateForm(data, prefix="escalate")

    def act(self, form):
        services.escalate(self.case, by=self.request.user, reason=form.cleaned_data["reason"])


class TakeUpView(CaseActionView):
    coordinator_action = True
    form_key, anchor = "take_up_form", "meeting"
    success_message = gettext_lazy("The case is now handled by the support meeting (confidential).")

    def make_form(self, data):
        return TakeUpForm(data, case=self.case, prefix="takeup")

    def act(self, form):
        services.take_up(self.case, by=self.request.user, members=form.cleaned_data["members"])


class DistrictView(CaseActionView):
    coordinator_action = True
    form_key, anchor = "district_form", "district"
    success_message = gettext_lazy("District saved.")

    def make_form(self, data):
        return DistrictForm(data, case=self.case, user=self.request.user, prefix="district")

    def act(self, form):
        services.set_district(self.case, form.cleaned_data["district"], by=self.request.user)


class CaseEditView(CaseDetailView):
    """The person's details and consents (recording a consent given later)."""

    work = True
    manage = True
    template_name = "support/admin/case_form.html"

    def get_page_title(self):
        return _("Edit case %(reference)s") % {"reference": self.case.reference}

    def get(self, request, *args, **kwargs):
        self.load_case()
        audit.record(request.user, AuditAction.VIEW, self.case, "edit form")
        form = CaseForm(user=request.user, case=self.case)
        return self.render_to_response(self.get_context_data(form=form, case=self.case))

    def post(self, request, *args, **kwargs):
        self.load_case()
        form = CaseForm(request.POST, user=request.user, case=self.case)
        if form.is_valid():
            data = dict(form.cleaned_data)
            method = data.pop("consent_method", ConsentMethod.ORAL)
            services.update_details(self.case, data, by=request.user, consent_method=method)
            messages.success(request, _("Details saved."))
            return self.back()
        return self.render_to_response(self.get_context_data(form=form, case=self.case))


# --- Exports of one person's data -------------------------------------------------------------


class PersonExportView(CaseDetailView):
    """Everything held about one person (one case), for a request under the privacy law."""

    coordinators_only = True

    def get(self, request, *args, **kwargs):
        from .export import case_as_csv, case_as_json

        self.load_case()
        fmt = "csv" if request.GET.get("format") == "csv" else "json"
        audit.record(request.user, AuditAction.PERSON_EXPORT, self.case, f"format={fmt}")
        if fmt == "csv":
            response, writer = csv_response(f"{self.case.reference}.csv")
            case_as_csv(self.case, writer)
            return response
        response = HttpResponse(
            case_as_json(self.case), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.case.reference}.json"'
        return response


# --- Reports and the audit log (coordinators) -------------------------------------------------


class ReportView(SupportView):
    coordinators_only = True
    template_name = "support/admin/reports.html"
    page_title = gettext_lazy("Participation support reports")

    def get(self, request, *args, **kwargs):
        from .reports import ReportForm, build_report, report_csv_rows

        form = ReportForm(request.GET or None)
        start, end = form.period()
        report = build_report(start, end)
        if request.GET.get("export") == "csv" and not form.errors:
            audit.record(request.user, AuditAction.REPORT, detail=f"csv {start}..{end}")
            response, writer = csv_response(f"support-report-{start:%Y%m}-{end:%Y%m}.csv")
            for row in report_csv_rows(report):
                writer.writerow(row)
            return response
        audit.record(request.user, AuditAction.REPORT, detail=f"view {start}..{end}")
        query = request.GET.copy()
        query["export"] = "csv"
        return self.render_to_response(
            self.get_context_data(form=form, report=report, csv_query=query.urlencode())
        )


class AuditLogView(SupportView):
    template_name = "support/admin/audit_log.html"
    page_title = gettext_lazy("Audit log")

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.has_perm(access.VIEW_AUDIT)):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        entries = AuditEntry.objects.all()
        reference = request.GET.get("reference", "").strip().upper()
        if reference:
            entries = entries.filter(reference=reference)
        page = Paginator(entries, 100).get_page(request.GET.get("p"))
        return self.render_to_response(self.get_context_data(entries=page, reference=reference))
