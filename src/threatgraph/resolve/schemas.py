"""Schemas of the resolve stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

Words = list[str]
