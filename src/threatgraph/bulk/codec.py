"""One analysed article as a flat row and back: what crosses the Spark boundary and Parquet files.

Spark moves Arrow columns between the JVM and the Python workers, and Parquet stores the same
columns, so an :class:`~threatgraph.model.Analysis` travels as the article's own fields plus one
JSON column holding its mentions, events and quotes. :func:`to_row` and :func:`from_row` are exact
inverses (a test round-trips real extractor output), so what the store writes from a row is what
``save_analysis`` would have written from the Analysis itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote
from threatgraph.store.articles import article_fields

#: Arrow/Spark schema of an analysed-article row (DDL string, as Spark's ``mapInArrow`` takes it).
ROW_DDL = (
    "id string, url string, outlet string, title string, author string, published date, lang string, "
    "source string, text string, analysis string"
)
#: Columns of :data:`ROW_DDL`, in order.
ROW_COLUMNS = ("id", "url", "outlet", "title", "author", "published", "lang", "source", "text", "analysis")

#: Schema of a read input: an article (``reason`` empty) or a failure (``reason`` set, ``source`` says where).
ITEM_DDL = (
    "id string, url string, outlet string, title string, author string, published date, lang string, "
    "source string, text string, reason string"
)
ITEM_COLUMNS = ("id", "url", "outlet", "title", "author", "published", "lang", "source", "text", "reason")
#: The article's own columns (in both schemas).
ARTICLE_COLUMNS = ITEM_COLUMNS[:-1]


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def article_from(row: dict[str, Any]) -> Article:
    """The Article of a row; its id is kept as stored (the content hash computed when it was read)."""
    return Article(
        text=row["text"],
        url=row.get("url"),
        outlet=row.get("outlet"),
        title=row.get("title"),
        author=row.get("author"),
        published=_date(row.get("published")),
        lang=row.get("lang") or "en",
        source=row.get("source"),
        id=row["id"],
    )


def _interval(d: dict[str, Any] | None) -> DateInterval | None:
    if d is None:
        return None
    return DateInterval(**{**d, "start": _date(d.get("start")), "end": _date(d.get("end"))})


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} in an analysis row")


def to_row(analysis: Analysis) -> dict[str, Any]:
    """The flat row of one analysis (article columns plus the ``analysis`` JSON)."""
    body = {
        "mentions": [asdict(m) for m in analysis.mentions],
        "events": [asdict(e) for e in analysis.events],
        "quotes": [asdict(q) for q in analysis.quotes],
        "dates": [asdict(d) for d in analysis.dates],
    }
    return {**article_fields(analysis.article), "analysis": json.dumps(body, default=_json_default)}


def from_row(row: dict[str, Any]) -> Analysis:
    """The Analysis of a row written by :func:`to_row`; a row that is not one raises ValueError."""
    try:
        body = json.loads(row["analysis"])
        events = []
        for e in body["events"]:
            e = dict(e)
            e["date"] = _interval(e.get("date"))
            events.append(Event(**e))
        return Analysis(
            article=article_from(row),
            mentions=[Mention(**m) for m in body["mentions"]],
            events=events,
            quotes=[Quote(**q) for q in body["quotes"]],
            dates=[_interval(d) for d in body.get("dates", [])],  # type: ignore[misc]
        )
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not an analysed-article row ({row.get('id') or '?'}): {exc}") from exc
