"""Public pages keep their strict Content-Security-Policy and load nothing from other hosts.

DESIGN.md: public pages carry no inline script or style and every asset comes
from the portal itself (no third-party CDN). The one exception is a map
document's tiles: a map is its own document, in an iframe, whose policy names
the tile server. So the page itself loads only same-origin scripts,
stylesheets, images and fonts; an embedded map document loads only
same-origin scripts, stylesheets and fonts, and images from its own origin or
a host its own policy names in img-src. This runs in a normal context, so the
browser enforces the policies the server sends.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHECKED_RESOURCE_TYPES = {"script", "stylesheet", "image", "font"}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


@pytest.mark.parametrize("path", ["/", "/en/", "/districts/daini/"])
def test_public_page_loads_without_csp_violations_or_third_party_assets(
    page, portal_server, load_frames, path
):
    problems: list[str] = []
    requests = []
    policies: dict[str, str] = {}
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda request: requests.append(request))
    page.on(
        "response",
        lambda response: policies.__setitem__(
            response.url, response.header_value("content-security-policy") or ""
        ),
    )

    response = page.goto(path)
    load_frames(page)
    page.wait_for_load_state("networkidle")  # late requests and console messages too

    assert response is not None and response.status == 200
    policy = response.header_value("content-security-policy") or ""
    assert "script-src 'self'" in policy, f"{path} sent no strict policy: {policy!r}"
    csp_problems = [text for text in problems if "content security policy" in text.lower()]
    assert not csp_problems, f"{path}:\n" + "\n".join(csp_problems)
    own_origin = origin(portal_server.url)
    foreign = []
    for request in requests:
        if request.resource_type not in CHECKED_RESOURCE_TYPES:
            continue
        if urlsplit(request.url).scheme not in ("http", "https"):
            continue  # data: images
        if origin(request.url) == own_origin:
            continue
        frame = request.frame
        if frame != page.main_frame and request.resource_type == "image":
            frame_policy = policies.get(frame.url, "")
            if origin(request.url) in directive(frame_policy, "img-src"):
                continue  # map tiles, named by the map document's own policy
        where = "page" if frame == page.main_frame else f"frame {frame.url}"
        foreign.append(f"{request.resource_type} {request.url} (from {where})")
    assert not foreign, f"{path} loaded assets from another origin:\n" + "\n".join(foreign)
    stylesheets = [request for request in requests if request.resource_type == "stylesheet"]
    assert stylesheets, "the page's stylesheet was not seen"
