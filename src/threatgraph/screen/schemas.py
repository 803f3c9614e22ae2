"""Schemas of the screen stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

from threatgraph.datafiles import Schema

Words = list[str]


class RemarkRule(Schema):
    """One OFAC remarks prefix ("DOB", "Passport") and the FtM property it fills."""

    prefix: str
    prop: str
    kind: str


class RemarksFile(Schema):
    """``remarks.yaml``: alias markers, remark prefixes and entry types of OFAC's CSV files."""

    aliases: dict[str, str]
    rules: list[RemarkRule]
    types: dict[str, str]


class DatasetInfo(Schema):
    """One list as OpenSanctions names it: title, publisher, publisher's country, where it is published."""

    title: str
    publisher: str
    country: str
    url: str


class Collection(Schema):
    """A name standing for several datasets: ``"*"`` (every loaded list) or the member dataset names."""

    title: str
    members: str | Words


class DatasetsFile(Schema):
    """``datasets.yaml``: dataset names and collections, the dataset of each format, OFAC's non-SDN programs."""

    datasets: dict[str, DatasetInfo]
    formats: dict[str, str]
    ofac_non_sdn_programs: Words
    ofac_non_sdn_marker: str
    collections: dict[str, Collection]
