"""Schemas of the ingest stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

from threatgraph.datafiles import Schema

Words = list[str]


class FieldsFile(Schema):
    """``fields.yaml``: the names a JSON line or front matter may give each article field."""

    text: Words
    title: Words
    url: Words
    outlet: Words
    published: Words
    lang: Words
    author: Words


class FormatsFile(Schema):
    """``formats.yaml``: file extensions per reader, and the magic bytes of binary files that are refused."""

    extensions: dict[str, Words]
    binary_magic: dict[str, str]
