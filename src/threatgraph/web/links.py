"""Which stored URLs may become links: an allow-list of schemes.

An article's URL comes from whatever was ingested (front matter, a feed, a JSON line), so it may
be ``javascript:…`` or ``data:…``. Rendered as ``href`` such a value runs script when clicked;
the CSP stops that today, but a page must not depend on its last line of defence. Only absolute
``http``/``https`` URLs become links; anything else is shown as text. Browsers ignore tabs and
newlines inside a URL and control characters around it (``java\\tscript:`` is ``javascript:``),
so the scheme is read the same way before it is judged.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https"})
_INVISIBLE = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space, stripped by URL parsers


def link_url(value: object) -> str | None:
    """``value`` as a link target if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = _INVISIBLE.sub("", value.strip(_EDGES))
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return None
    return url
