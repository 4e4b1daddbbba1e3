"""Where the notices of new requests may go: the city's own mail or a staff account.

A notice holds only a reference and an admin link, but its arrival tells that
someone asked for help: an intake page's notification address (which district
staff can edit) and the districts' shared addresses are therefore restricted
to the city's mail domains (`PORTAL_MAIL_DOMAINS`, subdomains included) or to
the address of an active account that can use the admin.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _domain_allowed(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return any(
        domain == allowed or domain.endswith("." + allowed)
        for allowed in (item.lower().strip(".") for item in settings.PORTAL_MAIL_DOMAINS)
    )


def is_allowed(address: str) -> bool:
    """Whether notices may be sent to `address`."""
    from .access import admin_users

    address = (address or "").strip()
    if "@" not in address:
        return False
    if _domain_allowed(address.rsplit("@", 1)[1]):
        return True
    return admin_users().filter(email__iexact=address).exists()


def validate_notification_address(value: str) -> None:
    if value and not is_allowed(value):
        domains = "、".join(settings.PORTAL_MAIL_DOMAINS) or "—"
        raise ValidationError(
            _(
                "Notices go only to the city's own mail (%(domains)s) or to a staff "
                "account's address: use one of those."
            )
            % {"domains": domains},
            code="outside_address",
        )
