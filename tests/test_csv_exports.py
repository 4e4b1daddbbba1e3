"""Every CSV the portal writes carries no formula cell, whoever typed the value.

Residents type into public forms (sign-ups, the intake form); staff type page titles that
reach the public open-data files. Each export below is fed the same values, ASCII and
full-width, and every cell of the file it serves is checked. One test per export, so a new
export is one more line in EXPORTS.
"""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from portal.csv_files import FORMULA_PREFIXES
from portal.signups import sign_up
from support.services import submit_intake
from tests.events.factories import EventPageFactory, tokyo
from tests.places.factories import PlacePageFactory
from tests.support.factories import SupportCaseFactory, intake_data
from tests.volunteers.conftest import publish_opportunity

pytestmark = pytest.mark.django_db

TYPED = ["=1+1", "@SUM(1)", "-2+3", "+1", "＝1+1", "＠SUM(1)"]


def soon() -> dt.datetime:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return tokyo(tomorrow.year, tomorrow.month, tomorrow.day)


def cells(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
    return [cell for row in rows for cell in row]


def places(daini):
    for number, value in enumerate(TYPED):
        place = PlacePageFactory(parent=daini, title=value, slug=f"formula-{number}")
        place.organiser = value
        place.save_revision().publish()


def events(daini):
    for number, value in enumerate(TYPED):
        event = EventPageFactory(
            parent=daini, title=value, slug=f"formula-{number}", start=soon(), organiser=value
        )
        event.save_revision().publish()


def export_places(client, daini, coordinator):
    places(daini)
    return client.get("/places/export.csv")


def export_facilities(client, daini, coordinator):
    places(daini)
    return client.get("/opendata/facilities.csv")


def export_events(client, daini, coordinator):
    events(daini)
    return client.get("/opendata/events.csv")


def export_roster(client, daini, coordinator):
    shift = publish_opportunity(daini, shifts=((3, 10),)).shifts.get()
    for value in TYPED:
        sign_up(shift, name=value, phone="0263-00-1234", note=value)
    client.force_login(coordinator)
    return client.get(f"/admin/volunteers/roster/{shift.pk}/export/")


def export_case_list(client, daini, coordinator):
    for value in TYPED:
        SupportCaseFactory(district=daini, name=value, request_text=value)
    client.force_login(coordinator)
    return client.get("/admin/support/cases/?export=csv")


def export_one_case(client, daini, coordinator):
    case = SupportCaseFactory(district=daini, name=TYPED[0], address=TYPED[1])
    case.request_text = " ".join(TYPED[2:])
    case.contact_time = TYPED[3]
    case.save()
    client.force_login(coordinator)
    return client.get(f"/admin/support/cases/{case.pk}/export/?format=csv")


def export_submissions(client, daini, coordinator):
    from home.models import HomePage
    from support.models import SupportIntakeFormField
    from support.pages import ensure_city_intake_page

    page = ensure_city_intake_page(HomePage.objects.get(locale__language_code="ja"))
    SupportIntakeFormField.objects.create(
        page=page, label="その他のご希望", field_type="singleline", required=False, sort_order=99
    )
    question = page.get_form_fields().get(label="その他のご希望").clean_name
    for value in TYPED:
        form = page.get_form(intake_data(daini, name=value, **{question: value}))
        assert form.is_valid(), form.errors
        submit_intake(page, form)
    client.force_login(coordinator)
    return client.get(f"/admin/forms/submissions/{page.pk}/?export=csv")


EXPORTS = [
    export_places,
    export_facilities,
    export_events,
    export_roster,
    export_case_list,
    export_one_case,
    export_submissions,
]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.__name__)
def test_no_cell_of_the_export_starts_a_formula(client, daini, coordinator, settings, export):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "intake": "10000/h"}
    response = export(client, daini, coordinator)
    assert response.status_code == 200
    written = cells(response)
    assert [cell for cell in written if cell.startswith(FORMULA_PREFIXES)] == []


@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.__name__)
def test_the_typed_values_are_in_the_export_as_text(client, daini, coordinator, settings, export):
    """The guard above could pass by dropping the values: they must be there, escaped."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "intake": "10000/h"}
    written = " ".join(cells(export(client, daini, coordinator)))
    assert "'=1+1" in written or "'＝1+1" in written
