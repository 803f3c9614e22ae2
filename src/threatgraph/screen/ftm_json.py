"""FollowTheMoney JSON lines (OpenSanctions exports): one entity per line.

The listed parties are the entities a Sanction points at (or, in exports without Sanction entities, every
entity tagged with a ``sanction`` topic, else every person/organisation/vessel/airplane). Their Sanction
entities are attached to them, as the other loaders do; other schemata (addresses, ownerships…) are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import FollowTheMoneyException

from threatgraph.screen.entries import ListError

TARGETS = ("LegalEntity", "Vessel", "Airplane")


def parse(path: Path, text: str) -> tuple[list[dict[str, Any]], str | None]:
    """Entry dicts and the dataset the export names (its first entity's first dataset), if any."""
    proxies: dict[str, Any] = {}
    sanctions: dict[str, list[dict[str, Any]]] = {}
    dataset: str | None = None
    for num, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            proxy = model.get_proxy(data, cleaned=False)
        except (json.JSONDecodeError, FollowTheMoneyException, TypeError, KeyError, AttributeError) as exc:
            raise ListError(f"{path}: line {num}: not a FollowTheMoney entity: {exc}") from exc
        if proxy.id is None:
            raise ListError(f"{path}: line {num}: entity without id")
        if dataset is None and data.get("datasets"):
            dataset = str(data["datasets"][0])
        if proxy.schema.is_a("Sanction"):
            for target in proxy.get("entity"):
                sanctions.setdefault(target, []).append(_plain(proxy))
        elif any(proxy.schema.is_a(t) for t in TARGETS):
            proxies[proxy.id] = proxy
    if sanctions:
        ids = [i for i in proxies if i in sanctions]
    else:
        tagged = [i for i, p in proxies.items() if any(t.startswith("sanction") for t in p.get("topics"))]
        ids = tagged or list(proxies)
    entries: list[dict[str, Any]] = []
    for entity_id in ids:
        data = _plain(proxies[entity_id])
        found = sanctions.get(entity_id)
        if found:
            data["sanction"] = found[0]
        entries.append(data)
    return entries, dataset


def _plain(proxy: Any) -> dict[str, Any]:
    data = proxy.to_dict()
    data.pop("referents", None)
    return data
