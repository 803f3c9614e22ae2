"""Which dataset a list file is, and which datasets a client's dataset name stands for.

Names follow yente and OpenSanctions (``us_ofac_sdn``, ``un_sc_sanctions``…) so a client written for yente
scopes its queries unchanged. A file's dataset comes from its content: the format, and for OFAC's formats the
programs of its entries, because the SDN list and the Consolidated (non-SDN) list are published in the same
formats and must stay two datasets (loading the one must never replace the other). The names, titles,
collections and non-SDN programs are data, in ``datasets.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from threatgraph.datafiles import load_yaml
from threatgraph.screen.schemas import DatasetsFile

DATASETS_FILE = Path(__file__).with_name("datasets.yaml")
#: Share of entries with a non-SDN program above which an OFAC file is the Consolidated (non-SDN) list. The SDN
#: list carries a few such programs too (about 0.5% of entries); the non-SDN list carries them on every entry.
NON_SDN_SHARE = 0.5


class UnknownDataset(LookupError):
    """A dataset name that is neither a loaded list nor a collection; the message lists the usable names."""


@lru_cache(maxsize=1)
def catalog_data() -> dict[str, Any]:
    """``datasets.yaml``, checked by its schema and for references: every format and collection member names a
    known dataset."""
    data = load_yaml(DATASETS_FILE, DatasetsFile)
    known = set(data["datasets"])
    for fmt, name in data["formats"].items():
        if name not in known:
            raise ValueError(f"{DATASETS_FILE}: format {fmt!r} names unknown dataset {name!r}")
    for name, coll in data["collections"].items():
        members = coll["members"]
        if members != "*" and not set(members) <= known:
            raise ValueError(f"{DATASETS_FILE}: collection {name!r} has unknown members {set(members) - known}")
    return data


def dataset_for(fmt: str, entries: Iterable[dict[str, Any]]) -> str:
    """The dataset of a parsed list of format ``fmt`` (e.g. ``ofac-xml``), from what its entries say."""
    data = catalog_data()
    name = data["formats"][fmt]
    if name == "us_ofac_sdn" and is_ofac_non_sdn(entries):
        return "us_ofac_cons"
    return name


def is_ofac_non_sdn(entries: Iterable[dict[str, Any]]) -> bool:
    """Whether most entries are listed under programs only the non-SDN list uses, or say they are not on the SDN
    List (OFAC's "Additional Sanctions Information" on non-SDN Iran entries)."""
    data = catalog_data()
    programs = set(data["ofac_non_sdn_programs"])
    marker = data["ofac_non_sdn_marker"].casefold()
    total = flagged = 0
    for entry in entries:
        total += 1
        sanction = (entry.get("sanction") or {}).get("properties", {})
        if programs & set(sanction.get("program", [])):
            flagged += 1
            continue
        texts = [*entry.get("properties", {}).get("notes", []), *sanction.get("summary", []), entry.get("record", "")]
        if any(marker in str(t).casefold() for t in texts):
            flagged += 1
    return total > 0 and flagged / total > NON_SDN_SHARE


def describe(name: str) -> dict[str, Any]:
    """Title, publisher and kind of a dataset or collection (a dataset not in the catalogue, e.g. one named by an
    FtM export or ``lists load --dataset``, is described by its name)."""
    data = catalog_data()
    if name in data["collections"]:
        return {"name": name, "title": data["collections"][name]["title"], "type": "collection"}
    meta = data["datasets"].get(name, {})
    return {
        "name": name,
        "title": meta.get("title", name),
        "type": "source",
        **{k: v for k, v in meta.items() if k != "title"},
    }


def collection_names() -> list[str]:
    return list(catalog_data()["collections"])


def scope(name: str, loaded: Iterable[str]) -> frozenset[str] | None:
    """The loaded datasets ``name`` stands for: None for every list (``default``, ``sanctions``), the members of
    a collection, or the dataset itself. Raises :class:`UnknownDataset` for anything else."""
    loaded = set(loaded)
    coll = catalog_data()["collections"].get(name)
    if coll is not None:
        return None if coll["members"] == "*" else frozenset(coll["members"])
    if name in loaded:
        return frozenset([name])
    usable = sorted(set(collection_names()) | loaded)
    raise UnknownDataset(f"no dataset {name!r}; use one of {', '.join(usable)}")
