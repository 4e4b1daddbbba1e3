"""QR codes drawn server-side as inline SVG markup (no script, no style attribute)."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, label: str) -> SafeString:
    """An `<svg role="img">` of `url`'s QR code, scalable (a viewBox, no fixed size),
    named for screen readers by `label`."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=2, omitsize=True, svgclass="flyer__qr", lineclass=None, title=label
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    assert " style=" not in svg  # the page's CSP allows no inline style
    return mark_safe(svg)  # segno's own markup; the label is escaped
