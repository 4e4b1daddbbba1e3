"""Forms of the staff screens. Labels come from the models (English msgids, Japanese
catalogue); every field has Japanese help text, from the model or given here.

These are plain forms, not ModelForms: a ModelForm writes into the case while
it validates, and the services must see the case as it was to record what
changed and to keep health answers out without consent.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminPageChooser
from wagtail.models import Page

from portal.admin_guards import choosable_pages
from portal.district_access import scope_filter
from portal.forms import RowChoiceField, RowMultipleChoiceField
from portal.validators import clean_phone_number, clean_reading, normalise_text

from .access import is_coordinator
from .choices import (
    ConsentMethod,
    Difficulty,
    HealthNeed,
    Interest,
    MatchOutcome,
    SharingBasis,
    Source,
    Status,
)
from .forms import check_contact_details, clean_postcode_value
from .models import CaseContact, CaseMatch, CaseMember, SupportCase
from .services import allowed_transitions, lead_candidates, member_candidates


def _model_field(model, name, **kwargs):
    return model._meta.get_field(name).formfield(**kwargs)


def _case_field(name, **kwargs):
    return _model_field(SupportCase, name, **kwargs)


def _choices_field(name, choices):
    field = SupportCase._meta.get_field(name)
    return forms.MultipleChoiceField(
        label=field.verbose_name,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=field.help_text,
    )


class UserChoiceField(RowChoiceField):
    def label_from_instance(self, user):
        full = user.get_full_name()
        return f"{full}（{user.get_username()}）" if full else user.get_username()


class UserMultipleChoiceField(RowMultipleChoiceField):
    def label_from_instance(self, user):
        return UserChoiceField.label_from_instance(self, user)


def districts_for(user):
    """The default-locale districts `user` may open cases in (their scope; all for coordinators)."""
    from home.models import DistrictPage

    districts = DistrictPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if not is_coordinator(user):
        districts = districts.filter(scope_filter(user, ""))
    return districts.order_by("path")


class CaseForm(forms.Form):
    """The person's details and consents, for staff: a new case from a call or a visit, or edits."""

    source = forms.ChoiceField(
        label=_("how the request came"),
        choices=[(value, label) for value, label in Source.choices if value != Source.WEB],
        help_text="電話・来所・関係機関からの紹介のどれで受けたかを選びます。",
    )
    district = RowChoiceField(
        label=_("district"),
        queryset=None,
        required=False,
        help_text="本人が住む地区です。地区の職員は自分の地区だけを選べます。"
        "コーディネーターは空欄（地区未定）にもできます。",
    )
    requester_type = _case_field("requester_type")
    requester_name = _case_field("requester_name")
    name = _case_field("name")
    furigana = _case_field("furigana")
    postcode = _case_field("postcode", max_length=10)
    address = _case_field("address")
    phone = _case_field("phone")
    email = _case_field("email")
    contact_method = _case_field("contact_method")
    contact_time = _case_field("contact_time")
    interests = _choices_field("interests", Interest.choices)
    difficulties = _choices_field("difficulties", Difficulty.choices)
    request_text = _case_field("request_text", widget=forms.Textarea(attrs={"rows": 4}))
    consent_contact = _case_field("consent_contact", required=True)
    consent_share = _case_field("consent_share")
    consent_sensitive = _case_field("consent_sensitive")
    health_needs = _choices_field("health_needs", HealthNeed.choices)
    health_details = _case_field("health_details", widget=forms.Textarea(attrs={"rows": 3}))
    consent_method = forms.ChoiceField(
        label=_("how the consents were given"),
        choices=[(v, label) for v, label in ConsentMethod.choices if v != ConsentMethod.FORM],
        initial=ConsentMethod.ORAL,
        help_text="この画面で記録・変更した同意を、本人がどのように伝えたかを選びます"
        "（電話や面談での口頭、または書面）。",
    )

    def __init__(self, *args, user, case: SupportCase | None = None, **kwargs):
        if case is not None:
            initial = {
                name: getattr(case, name)
                for name in self.base_fields
                if name not in ("source", "district", "consent_method")
            }
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.user = user
        self.case = case
        if case is not None:
            # Moving a case to another district is the coordinators' action, not an edit.
            del self.fields["source"]
            del self.fields["district"]
        else:
            self.fields["district"].queryset = districts_for(user)
            if not is_coordinator(user):
                self.fields["district"].required = True

    def clean_name(self):
        return normalise_text(self.cleaned_data["name"])

    def clean_furigana(self):
        return clean_reading(self.cleaned_data["furigana"])

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data["postcode"])

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_email(self):
        return normalise_text(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned = super().clean()
        check_contact_details(self, cleaned)
        return cleaned


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("new status"),
        help_text="次に進める状態を選びます。選べるのは、今の状態から進める状態だけです。",
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="変更の理由などを短く書きます（任意）。",
    )

    def __init__(self, *args, case: SupportCase, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, Status(value).label) for value in allowed_transitions(case)]
        # Nothing is chosen until staff choose: a browser preselects the first
        # option, and after follow-up that was "closed" (one careless click).
        self.fields["to_status"].choices = [("", _("Choose the next status")), *choices]
        self.has_transitions = bool(choices)


class AssignForm(forms.Form):
    lead = UserChoiceField(
        label=_("lead"),
        queryset=None,
        required=False,
        help_text="主担当の職員です。地区の職員かコーディネーターから選びます。",
    )
    next_follow_up = forms.DateField(
        label=_("next follow-up"),
        required=False,
        widget=AdminDateInput,
        help_text="次に様子を確かめる日です。過ぎると一覧とダッシュボードで「期限切れ」になります。",
    )

    def __init__(self, *args, case: SupportCase, **kwargs):
        kwargs.setdefault("initial", {"lead": case.lead_id, "next_follow_up": case.next_follow_up})
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = lead_candidates(case)
        if not self.fields["lead"].queryset.exists():
            self.fields["lead"].help_text = (
                "主担当に選べる人がいません。主担当になれるのは、この地区の職員グループ"
                "（地区職員：…）とコーディネーターのグループの人です。"
                "システム管理者に、担当する人のアカウントをそのグループに加えてもらってください"
                "（職員ガイド「アカウントを作る」）。"
            )


class ContactForm(forms.Form):
    kind = _model_field(CaseContact, "kind")
    happened_at = forms.DateTimeField(
        label=_("when"),
        widget=AdminDateTimeInput,
        help_text="連絡・訪問・会議をした日時です。ケースを受け付けた日から今日までの日付を入れます。",
    )
    notes = _model_field(CaseContact, "notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case: SupportCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_happened_at(self):
        """Between the day the case was received and today (Tokyo dates, compared as dates:
        a year-1 time cannot be converted to UTC to be compared)."""
        value = self.cleaned_data["happened_at"]
        received = timezone.localtime(self.case.created_at).date()
        today = timezone.localdate()
        if not received <= value.date() <= today:
            raise forms.ValidationError(
                _("Enter a date from %(received)s (when the case was received) to today.")
                % {"received": received.isoformat()}
            )
        return value


class MemberForm(forms.Form):
    user = UserChoiceField(
        label=_("member"),
        queryset=None,
        help_text="チームに加える職員・関係機関の人です（管理画面のアカウントが必要です）。",
    )
    basis = forms.ChoiceField(
        label=_("basis for sharing"),
        required=False,
        choices=[
            ("", _("Not needed: staff of the case's district")),
            (SharingBasis.CONSENT, SharingBasis.CONSENT.label),
            (SharingBasis.SUPPORT_MEETING, SharingBasis.SUPPORT_MEETING.label),
        ],
        help_text="地区の外の人（他の地区・他の分野・関係機関）を加えるときは、共有の根拠を選びます。"
        "本人の同意が記録されていないか、支援会議で取り扱っていないときは、加えられません。",
    )
    role = _model_field(CaseMember, "role")

    def __init__(self, *args, case: SupportCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = member_candidates(case)


class MatchForm(forms.Form):
    page = RowChoiceField(
        label=_("page on the portal"),
        queryset=Page.objects.none(),
        required=False,
        widget=AdminPageChooser(),
        help_text=CaseMatch._meta.get_field("page").help_text,
    )
    label = _model_field(CaseMatch, "label")
    outcome = _model_field(CaseMatch, "outcome")
    note = _model_field(CaseMatch, "note", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # What the page chooser offers (live pages, and those the user may edit): a posted
        # id of another district's draft would otherwise show its title on the case.
        self.fields["page"].queryset = choosable_pages(user, Page.objects.all())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("page") and not cleaned.get("label"):
            self.add_error("label", _("Choose a page or write the name of the place or activity."))
        return cleaned


class MatchOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=MatchOutcome.choices,
        help_text="提案した・試した・参加している・合わなかった、のどれかを選びます。",
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="本人の感想や、合わなかった理由などです（任意）。",
    )


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for escalation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="支援会議に諮りたい理由です（例：複数の分野にまたがる課題があり、"
        "地区だけでは支援の方向性を決めにくい）。コーディネーターに通知されます。",
    )


class TakeUpForm(forms.Form):
    members = UserMultipleChoiceField(
        label=_("members of the support meeting for this case"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="このケースを支援会議の構成員として扱い続ける人を選びます。選ばれなかった人"
        "（主担当を含む）は、このケースを見られなくなります。コーディネーターは常に見られます。",
    )

    def __init__(self, *args, case: SupportCase, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        ids = set(case.members.filter(removed_at__isnull=True).values_list("user_id", flat=True))
        if case.lead_id:
            ids.add(case.lead_id)
        self.fields["members"].queryset = User.objects.filter(pk__in=ids).order_by("username")
        self.fields["members"].initial = list(ids)


class DistrictForm(forms.Form):
    district = RowChoiceField(
        label=_("district"),
        queryset=None,
        help_text="本人が住む地区を選びます。推定された地区は、住所や本人への確認で確かめてから決めます。",
    )

    def __init__(self, *args, case: SupportCase, user, **kwargs):
        kwargs.setdefault("initial", {"district": case.district_id or case.suggested_district_id})
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts_for(user)


class CaseSearchForm(forms.Form):
    """Searching for a person: sent by POST, so the words never go into a URL."""

    q = forms.CharField(
        label=_("search"),
        required=False,
        max_length=100,
        help_text="受付番号・名前・ふりがな・電話番号（下4けた以上）で探します。"
        "状態を選んでいないときは、終了・取り下げたケースからも探します。"
        "探した言葉はアドレス（URL）や記録に残りません。",
    )
