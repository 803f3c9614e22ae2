"""PLOVER event types to and from CAMEO codes and ACLED event types, as data (``plover_map.yaml``).

threatgraph types its events with PLOVER roots and modes; analysts hold GDELT/ICEWS data coded in
CAMEO and ACLED data coded by event and sub-event type. These functions translate both ways so
the three can be compared and loaded side by side. A CAMEO code maps through its longest listed
prefix; a PLOVER mode that the other scheme does not distinguish falls back to its root; where a
scheme has no such event (ACLED codes no sanctions) the answer is None rather than a guess.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract.events_lexicon import plover_of
from threatgraph.extract.schemas import PloverMapFile

MAP_FILE = Path(__file__).with_name("plover_map.yaml")
Coded = tuple[str, str | None]


@cache
def _data() -> dict[str, Any]:
    return load_yaml(MAP_FILE, PloverMapFile)


def roots() -> list[str]:
    """PLOVER's event roots."""
    return list(_data()["roots"])


def _pair(value: Any) -> Coded | None:
    return None if value is None else (str(value[0]), None if value[1] is None else str(value[1]))


def from_cameo(code: str) -> Coded | None:
    """(PLOVER root, mode) of a CAMEO event code such as "1831"; None for codes PLOVER has no event for.

    Raises ValueError for something that is not a CAMEO code, so bad input is never mapped silently.
    """
    code = str(code).strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise ValueError(f"not a CAMEO event code: {code!r}")
    table = _data()["from_cameo"]
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return _pair(table[code[:n]])
    raise ValueError(f"unknown CAMEO root in {code!r}")


def from_acled(event_type: str, sub_event_type: str) -> Coded | None:
    """(PLOVER root, mode) of an ACLED event/sub-event type; ValueError for names ACLED does not use."""
    table = _data()["from_acled"]
    subs = table.get(event_type.strip())
    if subs is None or sub_event_type.strip() not in subs:
        raise ValueError(f"not an ACLED event type / sub-event type: {event_type!r} / {sub_event_type!r}")
    return _pair(subs[sub_event_type.strip()])


def _lookup(table: dict[str, Any], root: str, mode: str | None) -> Any:
    if mode and f"{root}/{mode}" in table:
        return table[f"{root}/{mode}"]
    if root not in table:
        raise ValueError(f"not a PLOVER root: {root!r}")
    return table[root]


def to_cameo(root: str, mode: str | None = None) -> str | None:
    """The CAMEO code closest to a PLOVER root and mode."""
    value = _lookup(_data()["to_cameo"], root, mode)
    return None if value is None else str(value)


def to_acled(root: str, mode: str | None = None) -> tuple[str, str] | None:
    """ACLED (event type, sub-event type) for a PLOVER root and mode; None where ACLED codes no such event."""
    value = _lookup(_data()["to_acled"], root, mode)
    return None if value is None else (str(value[0]), str(value[1]))


def codes_for(event_type: str, subtype: str | None) -> dict[str, Any]:
    """Every code of one of our events: PLOVER root and mode, CAMEO code, ACLED types (for exports)."""
    root, mode = plover_of(event_type, subtype)
    acled = to_acled(root, mode) if root in _data()["to_acled"] else None
    cameo = to_cameo(root, mode) if root in _data()["to_cameo"] else None
    return {
        "plover_root": root,
        "plover_mode": mode,
        "cameo": cameo,
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
    }
