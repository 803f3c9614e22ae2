"""Request bodies of the HTTP API, validated before any stage sees them.

Bounds (batch sizes, string lengths, value ranges) live here so a hostile or careless client
gets a 422 naming the field and the limit instead of a slow request or a 500. The match body
follows yente's ``EntityMatchQuery`` so existing yente clients work unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from followthemoney import model as ftm_model
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from threatgraph.ingest.limits import MAX_ARTICLE_CHARS
from threatgraph.screen.query import MAX_NAME_CHARS

MAX_QUERIES = 100  # yente's batch limit
MAX_SCREEN = 1000
#: Articles per ingest request: the request is answered after they are extracted (~35 ms each on one
#: core), so a bigger batch only makes a client time out; send more requests.
MAX_INGEST_ARTICLES = 100
Value = Annotated[str, StringConstraints(min_length=1, max_length=500)]
#: "Has a letter or digit" as a plain character class: \S means different things to the JSON Schema (ECMA),
#: Python and Rust regex engines at the edges (U+001C..U+001F, U+0085), so clients and server could disagree.
HAS_TEXT = r"[0-9A-Za-z\u00C0-\u167F\u1681-\u1FFF\u2070-\u2FFF\u3001-\uD7FF\uE000-\uFFFF]"
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_CHARS, pattern=HAS_TEXT)
]
#: FtM schemata that can be matched (yente accepts the same); published as an enum in the OpenAPI schema.
MATCHABLE = sorted(s.name for s in ftm_model.schemata.values() if s.matchable)


def _check_schema(name: str) -> str:
    if name not in MATCHABLE:
        raise ValueError(f"unknown or unmatchable FollowTheMoney schema {name!r}; use one of {', '.join(MATCHABLE)}")
    return name


PropValue = Annotated[str, StringConstraints(max_length=500)] | int | float
PropName = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class EntityExample(BaseModel):
    """One yente query (yente's ``EntityExample``): an example entity with FtM properties, each a list of values
    or a plain string. Which schema and properties are valid, and that there is a name to match on, is decided
    by the screening stage (HTTP 400 naming the query), as yente does."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    id: str | None = Field(default=None, max_length=200)
    schema_: str = Field(alias="schema", max_length=64, json_schema_extra={"enum": MATCHABLE}, examples=["Person"])
    properties: dict[PropName, PropValue | Annotated[list[PropValue], Field(max_length=50)]] = Field(
        max_length=50, examples=[{"name": ["Zainabiyoun Brigade"], "country": ["af"]}]
    )


class MatchRequest(BaseModel):
    """yente's ``POST /match/{dataset}`` body (``EntityMatchQuery``): named queries, answered under the same keys,
    and the algorithm's ``weights`` and ``config`` (unknown keys are refused with 400)."""

    weights: dict[Annotated[str, StringConstraints(max_length=64)], float] = Field(default_factory=dict, max_length=50)
    config: dict[Annotated[str, StringConstraints(max_length=64)], str | int | float | bool | None] = Field(
        default_factory=dict, max_length=50
    )
    queries: dict[Annotated[str, StringConstraints(min_length=1, max_length=100)], EntityExample] = Field(
        min_length=1, max_length=MAX_QUERIES
    )

    def as_body(self) -> dict[str, Any]:
        return {"queries": {k: q.model_dump(by_alias=True, exclude_none=True) for k, q in self.queries.items()}}


class ScreenItem(BaseModel):
    """One name to screen, with optional context that sharpens the score."""

    name: Name
    schema_: str = Field(default="LegalEntity", alias="schema", json_schema_extra={"enum": MATCHABLE})
    country: list[Value] = Field(default_factory=list, max_length=20)
    birthDate: list[Value] = Field(default_factory=list, max_length=20)  # noqa: N815 - FtM property name

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("schema_")
    @classmethod
    def _schema(cls, v: str) -> str:
        return _check_schema(v)

    def as_query(self) -> dict[str, Any]:
        props: dict[str, list[str]] = {"name": [self.name]}
        if self.country:
            props["country"] = self.country
        schema = self.schema_
        if self.birthDate:
            props["birthDate"] = self.birthDate
            if schema == "LegalEntity":  # only people have birth dates in FtM: the date says what it is
                schema = "Person"
        return {"schema": schema, "properties": props}


class ScreenRequest(BaseModel):
    """A batch of names for ``POST /screen``; answered in the same order."""

    names: list[ScreenItem] = Field(min_length=1, max_length=MAX_SCREEN)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    limit: int = Field(default=5, ge=1, le=50)


class WatchIn(BaseModel):
    """A new watch: a raw name, or an entity id (then all its aliases are watched)."""

    name: Name
    entity_id: str | None = Field(default=None, max_length=64)
    note: str | None = Field(default=None, max_length=2000)
    threshold: float | None = Field(default=None, gt=0.0, le=1.0)


class ArticleIn(BaseModel):
    """One article posted as JSON (``POST /ingest/articles``); the id is the content hash, as on every path."""

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS, pattern=HAS_TEXT)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=255)
    title: str | None = Field(default=None, max_length=1000)
    published: date | None = None
    lang: str = Field(default="en", min_length=2, max_length=16)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_INGEST_ARTICLES)
