"""Read endpoints: search, dossier, graph, articles — JSON by default, HTML for browsers, `.json` forced."""

from __future__ import annotations

from api_archive import ANALYST, IRGC, SYRIA, ZB

HTML = {"accept": "text/html,application/xhtml+xml"}


def test_home_counts_articles_and_lists(client, archive):
    data = client.get("/").json()
    assert data["articles"] == len(archive["articles"])
    assert [d["dataset"] for d in data["datasets"]] == ["testlist"]
    assert {a["id"] for a in data["recent"]} == set(archive["articles"])


def test_search_finds_actor_by_any_alias_and_script(client):
    for q in ("zainabiyoun", "Liwa Zaynabiyun", "لواء زینبیون"):
        data = client.get("/search", params={"q": q}).json()
        assert ZB in [e["id"] for e in data["entities"]], q
    assert client.get("/search", params={"q": "nobody-at-all"}).json()["entities"] == []


def test_search_matches_article_text(client, archive):
    data = client.get("/search", params={"q": "Aleppo"}).json()
    assert [a["id"] for a in data["articles"]["results"]] == [archive["articles"][1]]


def test_dossier_has_every_section(client):
    d = client.get(f"/entities/{ZB}").json()
    assert d["id"] == ZB and d["caption"] == "Zainabiyoun Brigade"
    scripts = {a["name"]: a["script"] for a in d["aliases"]}
    assert scripts["لواء زینبیون"] == "Arabic" and scripts["Liwa Zaynabiyun"] == "Latin"
    assert d["sanctioned"] is True
    (link,) = d["sanctions"]
    assert link["dataset"] == "testlist" and link["entry_id"] == "tg-test-zainabiyoun"
    assert link["caption"] == "Zainabiyoun Brigade" and link["programs"] == ["SDGT"]
    types = [e["type"] for e in d["timeline"]]
    assert sorted(types) == ["DEPLOY", "DEPLOY", "RECRUIT", "SANCTION", "SUPPORT"]
    dated = [e["date"] for e in d["timeline"]]
    assert dated == sorted(dated) and dated[0] == "2019-01-24"
    assert len(d["articles"]) == 3
    assert [q["speaker"] for q in d["quotes_about"]] == ["Farid Rahimi"]
    related = {r["id"] for r in d["related"]}
    assert {IRGC, SYRIA} <= related


def test_quotes_by_speaker(client):
    d = client.get(f"/entities/{ANALYST}").json()
    assert len(d["quotes_by"]) == 2
    assert any(q["outlet"] == "Test Wire" and not q["direct"] for q in d["quotes_by"])


def test_graph_has_typed_event_edges(client):
    g = client.get(f"/entities/{ZB}/graph").json()
    ids = {n["id"] for n in g["nodes"]}
    assert ZB in ids and IRGC in ids
    support = next(e for e in g["edges"] if e["type"] == "SUPPORT")
    assert (support["source"], support["target"]) == (IRGC, ZB)
    assert all(e["source"] in ids and e["target"] in ids for e in g["edges"])
    assert client.get(f"/entities/{ZB}/graph", params={"depth": 3}).status_code == 422


def test_dossier_page_embeds_the_same_graph(client, archive):
    from threatgraph.api.reading import star_graph
    from threatgraph.store.read import dossier

    html = client.get(f"/entities/{ZB}", headers=HTML).text
    d = dossier(archive["engine"], ZB)
    graph = star_graph(d, d.related)
    assert {n["id"] for n in graph["nodes"]} == {n["id"] for n in client.get(f"/entities/{ZB}/graph").json()["nodes"]}
    assert 'id="graph-data"' in html and ZB in html


def test_unknown_entity_is_404_with_message(client):
    r = client.get("/entities/ent-nope")
    assert r.status_code == 404 and "ent-nope" in r.json()["detail"]
    assert client.get("/entities/ent-nope/graph").status_code == 404
    page = client.get("/entities/ent-nope", headers=HTML)
    assert page.status_code == 404 and "text/html" in page.headers["content-type"] and "ent-nope" in page.text


def test_article_mentions_point_into_text(client, archive):
    d = client.get(f"/articles/{archive['articles'][0]}").json()
    text = d["article"]["text"]
    assert d["mentions"]
    for m in d["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    assert {e["type"] for e in d["events"]} == {"RECRUIT", "SUPPORT", "DEPLOY"}
    recruit = next(e for e in d["events"] if e["type"] == "RECRUIT")
    assert recruit["date"] == {
        "text": "late July",
        "start": "2022-07-21",
        "end": "2022-07-31",
        "precision": "season",
        "note": None,
    }


def test_article_page_highlights_mentions(client, archive):
    html = client.get(f"/articles/{archive['articles'][0]}", headers=HTML).text
    assert f'<a href="/entities/{ZB}">Zainabiyoun Brigade</a></mark>' in html
    assert "RECRUIT" in html


def test_articles_paginate_without_overlap(client, archive):
    seen = []
    offset = 0
    while True:
        page = client.get("/articles", params={"limit": 1, "offset": offset}).json()
        seen += [a["id"] for a in page["results"]]
        if not page["more"]:
            break
        offset += 1
    assert sorted(seen) == sorted(archive["articles"]) and len(seen) == len(set(seen))


def test_json_suffix_and_accept_negotiation(client):
    html = client.get(f"/entities/{ZB}", headers=HTML)
    assert html.headers["content-type"].startswith("text/html")
    assert 'id="sanctions-badge"' in html.text and "sanctioned" in html.text
    forced = client.get(f"/entities/{ZB}.json", headers=HTML)
    assert forced.headers["content-type"] == "application/json"
    assert forced.json()["id"] == ZB
    assert client.get("/articles.json").json()["results"]
    assert client.get("/openapi.json").json()["openapi"].startswith("3.")


def test_every_page_renders_as_html(client, archive):
    for url in ("/", "/search?q=syria", "/articles", f"/articles/{archive['articles'][2]}", f"/entities/{IRGC}"):
        r = client.get(url, headers=HTML)
        assert r.status_code == 200 and "<html" in r.text, url


def test_validation_errors_are_4xx_with_the_field_named(client):
    r = client.get("/articles", params={"limit": 0})
    assert r.status_code == 422 and "limit" in r.json()["detail"]
    r = client.get("/articles", params={"offset": "abc"})
    assert r.status_code == 422 and "offset" in r.json()["detail"]
    r = client.get("/search", params={"q": "x" * 501})
    assert r.status_code == 422 and "q" in r.json()["detail"]


def test_hostile_queries_never_500(client):
    for q in ('"', "a AND OR", "NEAR(", "\x00zainab", "*", "'; DROP TABLE articles; --", "\\", "ـ"):
        assert client.get("/search", params={"q": q}).status_code == 200, q
        assert client.get("/articles", params={"q": q}).status_code == 200, q
    assert client.get("/").json()["articles"] == 3


def test_user_text_is_escaped_in_html(client, store):
    from threatgraph.model import Analysis, Article
    from threatgraph.store.articles import save_analysis

    art = Article(text="<script>alert(1)</script> & friends", title="<b>bold</b>")
    save_analysis(store, Analysis(article=art))
    html = client.get(f"/articles/{art.id}", headers=HTML).text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html


def test_api_index_lists_every_operation(client):
    ops = client.get("/api").json()["operations"]
    paths = {(o["method"], o["path"]) for o in ops}
    assert ("POST", "/match/{dataset}") in paths and ("GET", "/entities/{entity_id}") in paths
    assert next(o for o in ops if o["path"] == "/ingest")["token"] is True
    assert "/match/{dataset}" in client.get("/api", headers=HTML).text


def test_html_gets_a_strict_content_security_policy(client):
    page = client.get("/", headers=HTML)
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["vary"] == "Accept"
    assert "content-security-policy" not in client.get("/").headers
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_article_quotes_carry_parc_spans_into_the_text(client, archive):
    found = []
    for article_id in archive["articles"]:
        d = client.get(f"/articles/{article_id}").json()
        text = d["article"]["text"]
        for q in d["quotes"]:
            parc = q["parc"]
            assert parc["content"]["start"] == q["start"] and parc["type"] == ("direct" if q["direct"] else "indirect")
            for part in ("source", "cue"):
                if parc[part] is not None:
                    assert text[parc[part]["start"] : parc[part]["end"]] == parc[part]["text"]
                    found.append(parc[part]["text"])
    assert {"Farid Rahimi", "told"} <= set(found)


def test_article_page_shows_the_source_as_written_when_it_differs_from_the_speaker(client, archive):
    from sqlalchemy import select, update

    from threatgraph.store.schema import quotes

    with archive["engine"].begin() as conn:
        qid, article_id = conn.execute(select(quotes.c.id, quotes.c.article_id).limit(1)).one()
        conn.execute(update(quotes).where(quotes.c.id == qid).values(source_text="He", source_start=0, source_end=2))
    page = client.get(f"/articles/{article_id}", headers=HTML).text
    assert "[written “He”]" in page
    others = [client.get(f"/articles/{a}", headers=HTML).text for a in archive["articles"] if a != article_id]
    assert not any("[written “Farid Rahimi”]" in p for p in others)  # a source written as the speaker is not repeated
