"""schema.org JSON-LD of a place page (rendered by `{% json_ld %}` as a data block).

A place run by the city is a `CivicStructure`, any other a `Place`; both carry
the address, the position, the weekly opening hours and the accessibility
features, so that search engines and maps show them correctly.
"""

from __future__ import annotations

from django.conf import settings

from .models import OrganiserType, PlacePage

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def place_json_ld(page: PlacePage, request, opening_hours=None) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    url = page.get_url(request) or ""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "CivicStructure" if page.organiser_type == OrganiserType.PUBLIC else "Place",
        "name": page.title,
        "url": url if url.startswith("http") else base + url,
    }
    if page.summary:
        data["description"] = page.summary
    if page.address or page.postcode:
        address = {"@type": "PostalAddress", "addressCountry": "JP"}
        if page.postcode:
            address["postalCode"] = page.postcode
        if page.address:
            address["streetAddress"] = page.address
        data["address"] = address
    if page.has_location:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(page.latitude, 6),
            "longitude": round(page.longitude, 6),
        }
    if page.phone:
        data["telephone"] = page.phone
    hours = opening_hours if opening_hours is not None else page.opening_hours.all()
    specification = []
    for row in hours:
        entry = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        if row.note:
            entry["description"] = row.note
        specification.append(entry)
    if specification:
        data["openingHoursSpecification"] = specification
    features = [
        {"@type": "LocationFeatureSpecification", "name": feature.name, "value": True}
        for feature in page.accessibility_features.all()
    ]
    if features:
        data["amenityFeature"] = features
    if page.district_id and page.district:
        data["containedInPlace"] = {"@type": "AdministrativeArea", "name": page.district.title}
    if page.website:
        data["sameAs"] = page.website
    data["publicAccess"] = True
    return data
