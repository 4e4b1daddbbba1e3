"""JSON written into a `<script>` element: data blocks (JSON-LD) and a map's marker data.

Inside a script element the HTML parser, not the JavaScript one, decides where
the script ends: `</script>` ends it, and `<!--` followed by `<script>` makes
the parser skip the next `</script>`, so the script swallows the rest of the
document (a map then no longer matches the hash its policy allows, and shows
nothing). U+2028/U+2029 end a line in older JavaScript. Escaping `<`, `>`,
`&` and those two as `\\uXXXX`, as Django's `json_script` does, leaves JSON
that parses back to exactly the same data and that no text can end or comment out.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def dumps_for_script(data: Any) -> str:
    """Compact JSON (Japanese kept as is) that is safe anywhere inside a script element."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder, separators=(",", ":"))
    return text.translate(SCRIPT_ESCAPES)
