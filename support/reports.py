"""Figures for the city: aggregates only, never a person.

Counted over the cases received in a period (by month of intake): district ×
status × month, who asked, interests, how requests came, days from intake to
first contact (median and mean), and outcomes (matched resources by outcome,
cases by where they ended). Anonymised cases keep exactly these fields, so
reports over old years still add up.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Interest, MatchOutcome, RequesterType, Source, Status
from .models import CaseMatch, SupportCase

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
#: The months a report can cover: beyond them dates overflow (year 0 or 10000) and a
#: century of empty months is no report.
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_MONTHS = 120


def _month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _months_between(start: dt.date, end: dt.date) -> int:
    """How many months from `start` to `end`, both included (either order)."""
    return abs((end.year - start.year) * 12 + end.month - start.month) + 1


def _add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class MonthInput(forms.TextInput):
    input_type = "month"


class ReportForm(forms.Form):
    start = forms.CharField(
        label=gettext_lazy("from (month)"),
        required=False,
        widget=MonthInput,
        help_text="集計を始める月です（例：2026-04）。空欄なら12か月前からです。",
    )
    end = forms.CharField(
        label=gettext_lazy("to (month)"),
        required=False,
        widget=MonthInput,
        help_text="集計を終える月です（この月を含みます）。空欄なら今月までです。",
    )

    def _month(self, name):
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            return None
        match = MONTH_RE.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError(_("Write the month as 2026-04."))
        if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a month from %(first)s-01 to %(last)s-12.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return dt.date(int(match.group(1)), int(match.group(2)), 1)

    def clean_start(self):
        return self._month("start")

    def clean_end(self):
        return self._month("end")

    def clean(self):
        cleaned = super().clean()
        if "start" in cleaned and "end" in cleaned:
            start, end = _period(cleaned["start"], cleaned["end"])
            if _months_between(start, end) > MAX_MONTHS:
                self.add_error(
                    "start" if cleaned["start"] else "end",
                    _("A report covers at most %(months)d months: choose a shorter period.")
                    % {"months": MAX_MONTHS},
                )
        return cleaned

    def period(self) -> tuple[dt.date, dt.date]:
        """(first day of the first month, first day of the last month); the last twelve
        months when nothing (or something invalid) was asked for."""
        if self.is_bound and self.is_valid():
            return _period(self.cleaned_data["start"], self.cleaned_data["end"])
        return _period(None, None)


def _period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    end = end or _month_start(timezone.localdate())
    start = start or _add_months(end, -11)
    return (end, start) if start > end else (start, end)


@dataclass
class Bar:
    label: str
    count: int


@dataclass
class Report:
    start: dt.date
    end: dt.date
    months: list[str] = field(default_factory=list)
    total: int = 0
    monthly: list[Bar] = field(default_factory=list)
    statuses: list[tuple[str, str]] = field(default_factory=list)
    district_rows: list[tuple[str, list[int], int]] = field(default_factory=list)
    district_status_month: list[tuple[str, str, str, int]] = field(default_factory=list)
    by_requester: list[Bar] = field(default_factory=list)
    by_interest: list[Bar] = field(default_factory=list)
    by_source: list[Bar] = field(default_factory=list)
    by_status: list[Bar] = field(default_factory=list)
    outcomes: list[Bar] = field(default_factory=list)
    first_contact_count: int = 0
    first_contact_median: float | None = None
    first_contact_mean: float | None = None

    @staticmethod
    def biggest(bars: list[Bar]) -> int:
        return max([bar.count for bar in bars] or [0]) or 1

    @property
    def monthly_max(self):
        return self.biggest(self.monthly)

    @property
    def requester_max(self):
        return self.biggest(self.by_requester)

    @property
    def interest_max(self):
        return self.biggest(self.by_interest)

    @property
    def source_max(self):
        return self.biggest(self.by_source)

    @property
    def status_max(self):
        return self.biggest(self.by_status)

    @property
    def outcome_max(self):
        return self.biggest(self.outcomes)


def build_report(start: dt.date, end: dt.date) -> Report:
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(_add_months(end, 1), dt.time.min, tzinfo=tz)
    cases = list(
        SupportCase.objects.filter(created_at__gte=since, created_at__lt=until).values(
            "pk",
            "created_at",
            "status",
            "district__title",
            "district__path",
            "requester_type",
            "interests",
            "source",
            "first_contacted_at",
        )
    )
    report = Report(start=start, end=end, total=len(cases))
    month = start
    while month <= end:
        report.months.append(f"{month:%Y-%m}")
        month = _add_months(month, 1)

    monthly = Counter()
    cells = Counter()
    district_paths = {}
    days = []
    requester, interests, sources, statuses = Counter(), Counter(), Counter(), Counter()
    unassigned = _("No district yet")
    for case in cases:
        month_key = f"{timezone.localtime(case['created_at'], tz):%Y-%m}"
        district = case["district__title"] or unassigned
        district_paths[district] = case["district__path"] or "~"
        monthly[month_key] += 1
        cells[(month_key, district, case["status"])] += 1
        requester[case["requester_type"]] += 1
        sources[case["source"]] += 1
        statuses[case["status"]] += 1
        for interest in case["interests"] or []:
            interests[interest] += 1
        if case["first_contacted_at"]:
            delta = case["first_contacted_at"] - case["created_at"]
            days.append(max(delta.total_seconds(), 0) / 86400)

    report.monthly = [Bar(key, monthly[key]) for key in report.months]
    report.statuses = list(Status.choices)
    by_district = defaultdict(Counter)
    for (month_key, district, status), count in sorted(cells.items()):
        by_district[district][status] += count
        report.district_status_month.append((month_key, district, status, count))
    for district in sorted(by_district, key=lambda name: district_paths[name]):
        counts = [by_district[district][status] for status, _label in report.statuses]
        report.district_rows.append((district, counts, sum(counts)))
    report.by_requester = [Bar(label, requester[code]) for code, label in RequesterType.choices]
    report.by_interest = [Bar(label, interests[code]) for code, label in Interest.choices]
    report.by_source = [Bar(label, sources[code]) for code, label in Source.choices]
    report.by_status = [Bar(label, statuses[code]) for code, label in Status.choices]
    outcomes = Counter(
        CaseMatch.objects.filter(case_id__in=[case["pk"] for case in cases]).values_list(
            "outcome", flat=True
        )
    )
    report.outcomes = [Bar(label, outcomes[code]) for code, label in MatchOutcome.choices]
    report.first_contact_count = len(days)
    if days:
        report.first_contact_median = round(statistics.median(days), 1)
        report.first_contact_mean = round(statistics.fmean(days), 1)
    return report


def report_csv_rows(report: Report):
    """Long-format rows: (section, district, status, month, item, value). Aggregates only."""
    yield [_("section"), _("district"), _("status"), _("month"), _("item"), _("value")]
    status_labels = dict(Status.choices)
    for month_key, district, status, count in report.district_status_month:
        yield [
            _("cases by district, status and month"),
            district,
            status_labels[status],
            month_key,
            "",
            count,
        ]
    for bar in report.monthly:
        yield [_("requests per month"), "", "", bar.label, "", bar.count]
    for section, bars in (
        (_("who asked"), report.by_requester),
        (_("interests"), report.by_interest),
        (_("how the request came"), report.by_source),
        (_("current status"), report.by_status),
        (_("outcomes of proposed places"), report.outcomes),
    ):
        for bar in bars:
            yield [section, "", "", "", str(bar.label), bar.count]
    yield [_("days to first contact"), "", "", "", _("cases contacted"), report.first_contact_count]
    yield [_("days to first contact"), "", "", "", _("median"), _blank(report.first_contact_median)]
    yield [_("days to first contact"), "", "", "", _("mean"), _blank(report.first_contact_mean)]


def _blank(value):
    return "" if value is None else value
