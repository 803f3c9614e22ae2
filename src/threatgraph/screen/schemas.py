"""Schemas of the screen stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

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


class TermsFile(Schema):
    """``terms.yaml``: the name vocabulary of screening (honorifics, particles, generic and legal-form words)."""

    honorifics: Words
    particles: Words
    generic: Words
    legal_forms: Words
    synonyms: dict[str, Words]
    articles: Words
    joined_articles: Words
    romanisation: list[Annotated[list[str], Field(min_length=2, max_length=2)]]  # [spelling, replacement]
