"""/consult/: where to ask about what, in a district or the whole city."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from home.filters import district_choices
from home.models import DistrictPage
from portal.page_cache import tagged

from .forms import ConsultForm
from .services import by_field, windows_for, with_areas


@require_safe
@tagged("districts")
def consult_list(request):
    """The windows by field, for the chosen district (its hub first) or the whole city."""
    form = ConsultForm(request.GET or None, districts=district_choices())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    district = None
    if data.get("district"):
        district = (
            DistrictPage.objects.live()
            .filter(slug=data["district"], locale=Locale.get_active())
            .first()
        )
    windows = with_areas(
        list(windows_for(district, data.get("field", "")).prefetch_related("districts"))
    )
    return render(
        request,
        "consult/consult_list.html",
        {
            "form": form,
            "district": district,
            "hub": {"district": district},
            "groups": by_field(windows),
            "field_chosen": data.get("field", ""),
            "meta_title": _("Where to ask for advice"),
        },
    )
