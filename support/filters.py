"""The filters of the support case list (GET, nothing personal: a search for a person is a
POST, support.admin_views.CaseListView)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.filters import CheckboxFilter, PortalFilterSet
from portal.forms import RowChoiceField

from .access import is_coordinator
from .admin_forms import districts_for
from .choices import OPEN_STATUSES, Status


class RowChoiceFilter(django_filters.ModelChoiceFilter):
    """One row, whose posted id may be any text (`portal.forms.RowChoiceField`)."""

    field_class = RowChoiceField


def _districts(request):
    return districts_for(request.user)


class CaseFilterSet(PortalFilterSet):
    """The cases the user may see, by status, district, their own, overdue follow-ups and
    (coordinators) no district yet. The list always has a status: without one chosen the
    view asks for the open cases (for a search, every status). Built with the request:
    the districts and the filters offered are the user's."""

    OPEN = "open"
    ALL = "all"

    status = django_filters.ChoiceFilter(
        label=_("status"),
        choices=[(OPEN, _("Open cases")), (ALL, _("All statuses")), *Status.choices],
        empty_label=None,
        help_text="はじめは「対応中」（終了・取り下げ以外のすべて）です。"
        "終了・取り下げたケースも見るときは「すべての状態」を選びます。",
        method="in_status",
    )
    district = RowChoiceFilter(
        label=_("district"),
        queryset=_districts,
        help_text="地区で絞り込みます（自分が見られる地区だけが出ます）。",
    )
    mine = CheckboxFilter(
        label=_("assigned to me"),
        help_text="自分が主担当か、チーム員のケースだけを出します。",
        method="assigned_to_me",
    )
    overdue = CheckboxFilter(
        label=_("follow-up overdue"),
        help_text="次のフォローアップ日を過ぎた、対応中のケースだけを出します。",
        method="follow_up_overdue",
    )
    unassigned = CheckboxFilter(
        "district",
        "isnull",
        label=_("no district yet"),
        help_text="地区が「わからない」で届き、まだ地区を決めていないケースです（コーディネーター）。",
    )

    def __init__(self, data=None, queryset=None, *, request, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if not is_coordinator(request.user):
            del self.filters["unassigned"]

    def in_status(self, cases, name, status):
        if status == self.OPEN:
            return cases.filter(status__in=OPEN_STATUSES)
        return cases if status == self.ALL else cases.filter(status=status)

    def assigned_to_me(self, cases, name, value):
        user = self.request.user
        return cases.filter(
            Q(lead=user) | Q(members__user=user, members__removed_at__isnull=True)
        ).distinct()

    def follow_up_overdue(self, cases, name, value):
        return cases.filter(status__in=OPEN_STATUSES, next_follow_up__lt=timezone.localdate())
