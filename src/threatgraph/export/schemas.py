"""Schemas of the export stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

from threatgraph.datafiles import Schema


class EntityMapping(Schema):
    """How one threatgraph type is written in FtM and STIX 2.1."""

    ftm: str | None = None
    stix: str | None = None
    identity_class: str | None = None
    topics: list[str] = []
    threat_actor_types: list[str] = []
    sectors: list[str] = []


class MappingFile(Schema):
    """``mapping.yaml``: entity types, event types as STIX relationships, and link names."""

    entities: dict[str, EntityMapping]
    state_actor: EntityMapping
    relationship_types: dict[str, str]
    links: dict[str, str]
