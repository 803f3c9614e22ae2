"""Schemas of the resolve stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

from threatgraph.datafiles import Schema

Words = list[str]


class NamesFile(Schema):
    """``names.yaml``: type families, designator words with their spellings, particles, titles and kunya parts."""

    families: dict[str, str]
    specificity: Words
    generic: Words
    skip_labels: Words
    designators: dict[str, Words]
    particles: Words
    titles: Words
    kunya: Words
