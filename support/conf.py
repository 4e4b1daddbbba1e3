"""Settings of participation support, with their defaults.

See docs/operations.md, "Privacy operations".
"""

from django.conf import settings


def retention_days() -> int:
    """Days a closed or withdrawn case is kept before `purge_expired_cases` anonymises it.

    SUPPORT_RETENTION_DAYS in the settings (or the environment variable of the
    same name); five years by default (1827 days: five years with their leap days)."""
    return int(getattr(settings, "SUPPORT_RETENTION_DAYS", 5 * 365 + 2))
