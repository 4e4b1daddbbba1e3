"""Helpers for posting Wagtail admin page forms in tests."""


def empty_formsets(*prefixes: str) -> dict[str, int]:
    """Management-form data for inline panels the test leaves empty (comments are always there)."""
    data = {}
    for prefix in ("comments", *prefixes):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data
