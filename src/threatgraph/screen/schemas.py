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
