"""The city-wide intake page, `/support/` and `/en/support/`, created where missing.

Used by the demo loader and by tests that build their own site. It never
overwrites what staff have edited: an existing page is left as it is.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Locale

from home.permissions import COORDINATORS_GROUP, grant_page_permissions
from portal.translation import publish_translations

from .models import SupportIntakeFormField, SupportIntakePage

SLUG = "support"
TEXTS = {
    "title": ("参加・相談のお申し込み", "Ask for help"),
    "intro": (
        "地域のサロンや体操、趣味の集まり、ボランティアなどに参加してみたいけれど、きっかけがない、"
        "移動や体のことが心配――そんなときは、このフォームでお知らせください。ご本人だけでなく、"
        "ご家族やご近所の方、支援者の方からも申し込めます。お住まいの地区の職員が、ご希望の方法で"
        "連絡し、一緒に参加先を探します。",
        "Would you like to join a salon, an exercise class, a hobby group or volunteering near "
        "you, but have no way in, or worry about getting there or about your health? Tell us "
        "with this form. Family, neighbours and supporters can ask on someone's behalf too. The "
        "staff of the district will contact you in the way you choose and look for a place "
        "together with you.",
    ),
    "thank_you_text": (
        "お住まいの地区の職員から、おおむね3営業日以内に連絡します。"
        "急ぎの場合は、地区の拠点か市役所にお電話ください。",
        "The staff of your district will contact you, usually within three working days. If it "
        "is urgent, please call your district hub or the city office.",
    ),
}
EXTRA_QUESTION = {
    "clean_name": "heard_about",
    "label": ("このフォームを何で知りましたか", "How did you hear about this form?"),
    "help_text": ("任意です。", "Optional."),
    "choices": (
        "広報まつもと\n公民館・福祉ひろばのチラシ\n家族・知人から\nインターネット\nその他",
        "The city newsletter\nA flyer at the community hall or welfare hub\n"
        "Family or friends\nThe internet\nOther",
    ),
}


def ensure_city_intake_page(home) -> SupportIntakePage:
    """The intake page for the whole city under `home` (default locale), with its English."""
    page = SupportIntakePage.objects.child_of(home).filter(slug=SLUG).first()
    if page is not None:
        publish_translations(page, _english(page), only_missing=True)
        _let_coordinators_edit(page)
        return page
    page = SupportIntakePage(
        title=TEXTS["title"][0],
        slug=SLUG,
        intro=TEXTS["intro"][0],
        thank_you_text=TEXTS["thank_you_text"][0],
        locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
    )
    page.form_fields.add(
        SupportIntakeFormField(
            clean_name=EXTRA_QUESTION["clean_name"],
            label=EXTRA_QUESTION["label"][0],
            help_text=EXTRA_QUESTION["help_text"][0],
            field_type="dropdown",
            required=False,
            choices=EXTRA_QUESTION["choices"][0],
        )
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    publish_translations(page, _english(page))
    _let_coordinators_edit(page)
    return page


def _let_coordinators_edit(page) -> None:
    """The city-wide page sits under the home page, outside the district index:
    the coordinators (福祉政策課) word it, so they get its page permissions."""
    group = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if group is not None:
        grant_page_permissions(group, page)


def _english(page) -> dict[str, str]:
    english = {ja: en for ja, en in TEXTS.values()}
    for key in ("label", "help_text", "choices"):
        ja, en = EXTRA_QUESTION[key]
        # wagtail-localize keeps a multi-line text as one segment with <br/> for its breaks.
        english[ja.replace("\n", "<br/>")] = en.replace("\n", "<br/>")
    return english
