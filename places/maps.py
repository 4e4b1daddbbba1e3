"""Map documents: folium maps served at their own URLs and embedded with an iframe.

folium writes a whole HTML document with inline scripts and styles, so a map
is never inlined into a page (docs/architecture.md): each map is its own document whose
Content-Security-Policy lists the hashes of exactly its inline blocks
(computed at render, cached with it, since folium names its elements anew at
every render). Pages keep `script-src 'self'`.

Markers are written compactly: one JSON array row per place (coordinates,
name, district index, slug), turned into clustered Leaflet markers by a few
lines of script. Names are data, never HTML: the script sets `textContent`,
and the JSON is escaped for a script block (portal/script_data.py), so no
editor text can run, end the script or comment it out.
Leaflet and the cluster plugin come from the portal's static files; only the
tiles come from the configured tile server.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure, JavascriptLink, MacroElement
from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import get_language
from folium.template import Template

from portal.cache import VersionCounter, safe_key
from portal.languages import current_language
from portal.script_data import dumps_for_script

MAP_VERSION = VersionCounter("places:map-version")
CACHE_TIMEOUT = 60 * 60 * 24
INLINE_BLOCK_RE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def map_version() -> int:
    return MAP_VERSION.current()


def bump_map_version() -> None:
    """Called when a place or district changes: every cached map is then stale."""
    MAP_VERSION.bump()


@dataclass(frozen=True)
class Marker:
    latitude: float
    longitude: float
    name: str
    url: str
    approximate: bool = False


class PortalMap(folium.Map):
    """folium's Map with Leaflet from our static files, and without the zoom lock.

    folium's own header forces `user-scalable=no` (blocks pinch zoom: an
    accessibility failure) and styles html/body; the document template below
    does both properly instead. Subclassing (not `add_js_link`) keeps
    folium's module-level defaults untouched for any other map.
    """

    default_js = [("leaflet", "")]
    default_css = [("leaflet_css", "")]

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>#{{ this.get_name() }} { position: absolute; inset: 0; }</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <div class="folium-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {center: {{ this.location|tojson }}, crs: L.CRS.{{ this.crs }},
                 ...{{ this.options|tojavascript }}}
            );
        {% endmacro %}
        """
    )

    def render(self, **kwargs):
        self.default_js = [("leaflet", static("vendor/leaflet/leaflet.js"))]
        self.default_css = [("leaflet_css", static("vendor/leaflet/leaflet.css"))]
        super().render(**kwargs)


class MarkerLayer(MacroElement):
    """All markers of a map, as compact JSON and one small script."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var data = {{ this.data_json }};
          // Clusters fade and fly in as the map zooms; an older reader (and an
          // axe check) can meet half-transparent figures, so motion follows
          // the reader's setting and the first view is set without animation.
          var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
          var layer = data.cluster
            ? L.markerClusterGroup({showCoverageOnHover: false, animate: !still})
            : L.featureGroup();
          data.p.forEach(function (p) {
            var name = p[2] + (p[5] ? data.approx : "");
            var marker = L.marker([p[0], p[1]], {title: name, alt: name, keyboard: true});
            var link = document.createElement("a");
            link.href = data.base + data.d[p[3]] + p[4];
            link.target = "_top";
            link.textContent = name;
            marker.bindPopup(link);
            layer.addLayer(marker);
          });
          if (data.p.length > 1) {
            map.fitBounds(layer.getBounds(), {padding: [24, 24], maxZoom: 16, animate: false});
          }
          layer.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, markers: list[Marker], *, cluster: bool, approximate_label: str):
        super().__init__()
        self._name = "MarkerLayer"
        self.cluster = cluster
        self.data_json = encode_markers(
            markers, cluster=cluster, approximate_label=approximate_label
        )

    def render(self, **kwargs):
        if self.cluster:
            header = self.get_root().header
            for name in ("MarkerCluster.css", "MarkerCluster.Default.css"):
                url = static(f"vendor/leaflet.markercluster/{name}")
                header.add_child(Element(f'<link rel="stylesheet" href="{url}">'), name=name)
            script = static("vendor/leaflet.markercluster/leaflet.markercluster.js")
            header.add_child(JavascriptLink(script), name="cluster_js")
        super().render(**kwargs)


def encode_markers(markers: list[Marker], *, cluster: bool, approximate_label: str) -> str:
    """Compact JSON for a script block: shared URL prefix, one row per marker.

    A row is [lat, lon, name, prefix index, rest of URL, approximate?] with
    coordinates rounded to about a metre.
    """
    prefixes: list[str] = []
    index: dict[str, int] = {}
    rows = []
    for marker in markers:
        head, _, tail = marker.url.rstrip("/").rpartition("/")
        head += "/"
        tail += "/"
        if head not in index:
            index[head] = len(prefixes)
            prefixes.append(head)
        row = [
            round(marker.latitude, 5),
            round(marker.longitude, 5),
            marker.name,
            index[head],
            tail,
        ]
        if marker.approximate:
            row.append(1)
        rows.append(row)
    data = {"base": "", "d": prefixes, "p": rows, "cluster": cluster, "approx": approximate_label}
    # A title like "<!--<script>" would otherwise make the HTML parser run the script
    # past its end, so that it no longer matches its hash and the map shows nothing.
    return dumps_for_script(data)


class MapDocument(Figure):
    """The whole map page: language, title, a note for when scripts do not run."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.language }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{{ this.title }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "<style>html, body { width: 100%; height: 100%; margin: 0; padding: 0; }"
        " .map-noscript { padding: 1rem; font: 1rem/1.6 sans-serif; }</style>\n"
        "</head>\n"
        "<body>\n"
        '<noscript><p class="map-noscript">{{ this.noscript }}</p></noscript>\n'
        "{{ this.html.render(**kwargs) }}\n"
        "<script>\n{{ this.script.render(**kwargs) }}\n</script>\n"
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, *, title: str, noscript: str):
        super().__init__()
        self.header._children.clear()  # Figure's own charset meta is in the template
        self.title = escape(title)
        self.noscript = escape(noscript)
        self.language = current_language()


def tile_provider() -> dict:
    return settings.MAP_TILE_PROVIDERS[settings.MAP_TILES]


def render_map(
    markers: list[Marker],
    *,
    title: str,
    noscript: str,
    approximate_label: str,
    centre: tuple[float, float],
    zoom: int,
    cluster: bool,
) -> tuple[str, str]:
    """The map document's HTML and its Content-Security-Policy."""
    tiles = tile_provider()
    document = MapDocument(title=title, noscript=noscript)
    folium_map = PortalMap(
        location=list(centre),
        zoom_start=zoom,
        tiles=tiles["url"],
        attr=tiles["attribution"],
        max_zoom=tiles["max_zoom"],
        control_scale=True,
    )
    document.add_child(folium_map)
    folium_map.add_child(MarkerLayer(markers, cluster=cluster, approximate_label=approximate_label))
    html = document.render()
    return html, content_security_policy(html)


def _hashes(html: str, tag: str) -> list[str]:
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for kind, body in INLINE_BLOCK_RE.findall(html)
        if kind == tag
    ]


def content_security_policy(html: str) -> str:
    """A policy allowing exactly this document's inline blocks, our static files and the tiles."""
    tile_host = "{0.scheme}://{0.netloc}".format(urlsplit(tile_provider()["url"]))
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_hashes(html, "script")],
        "style-src": ["'self'", *_hashes(html, "style")],
        "img-src": ["'self'", "data:", tile_host],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def cached_map(key: str, build) -> tuple[str, str]:
    """Render with `build()` once per version of the places; then serve from the cache."""
    # `key` can hold a list's filters (a query string): hashed, never in the key as typed.
    cache_key = safe_key(f"places:map:{map_version()}:{get_language()}", key)
    hit = cache.get(cache_key)
    if hit is None:
        hit = build()
        cache.set(cache_key, hit, timeout=CACHE_TIMEOUT)
    return hit
