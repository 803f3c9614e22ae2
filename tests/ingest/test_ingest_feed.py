"""RSS/Atom reader: one article per item with content or summary; bad items and bad feeds are named."""

from __future__ import annotations

from datetime import date

from threatgraph.ingest import partition, read_paths
from threatgraph.ingest.feed import html_fragment_text
from threatgraph.ingest.samples import samples_dir


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Border Post</title>'
        f"<link>https://bp.example/</link><description>d</description>{items}</channel></rss>"
    )


def item(title: str, desc: str, pub: str = "Tue, 09 May 2023 08:00:00 GMT") -> str:
    return f"<item><title>{title}</title><link>https://bp.example/{title}</link><pubDate>{pub}</pubDate>" + (
        f"<description>{desc}</description></item>"
    )


def test_bundled_feed_sample() -> None:
    arts, fails = partition(read_paths([samples_dir() / "feed.xml"]))
    assert not fails and len(arts) == 2
    first, second = arts
    assert first.source.endswith("feed.xml#1") and second.source.endswith("feed.xml#2")
    assert first.outlet == "Borderlands Dispatch" and first.published == date(2023, 5, 9)
    # content:encoded wins over the summary and keeps its paragraphs
    assert first.text.count("\n\n") == 1 and "residency papers" in first.text and "<p>" not in first.text
    assert second.text.startswith("Police in Herat arrested")


def test_atom_feed(write) -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        "<entry><title>One</title><link href='https://a.example/1'/><updated>2022-07-30T12:00:00Z</updated>"
        "<content type='html'>&lt;p&gt;Militants attacked a checkpoint.&lt;/p&gt;</content></entry></feed>"
    )
    [art] = list(read_paths([write("wire.atom", atom)]))
    assert (art.text, art.outlet, art.url, art.published) == (
        "Militants attacked a checkpoint.",
        "Atom Wire",
        "https://a.example/1",
        date(2022, 7, 30),
    )


def test_item_with_bad_date_fails_alone(write) -> None:
    path = write("f.rss", rss(item("a", "First story text.") + item("b", "Second story.", pub="sometime in spring")))
    arts, fails = partition(read_paths([path]))
    assert [a.source for a in arts] == [f"{path}#1"]
    assert [f.source for f in fails] == [f"{path}#2"]
    assert "'sometime in spring'" in fails[0].reason and "'b'" in fails[0].reason


def test_implausible_date_fails(write) -> None:
    [fail] = list(read_paths([write("f.rss", rss(item("a", "Story.", pub="Mon, 01 Jan 1810 00:00:00 GMT")))]))
    assert "implausible" in fail.reason


def test_item_without_text_fails(write) -> None:
    path = write("f.xml", rss("<item><title>Only a title</title></item>" + item("b", "Body.")))
    arts, fails = partition(read_paths([path]))
    assert len(arts) == 1 and fails[0].source == f"{path}#1" and "neither content nor summary" in fails[0].reason


def test_truncated_feed_reports_the_feed_and_keeps_complete_items(write) -> None:
    full = rss(item("a", "First story text.") + item("b", "Second story text."))
    path = write("cut.xml", full[: full.index("<item>", full.index("</item>")) + 20])
    arts, fails = partition(read_paths([path]))
    assert fails[0].source == str(path) and "malformed feed" in fails[0].reason
    assert all(f.source in (str(path), f"{path}#2") for f in fails)  # the cut item, if feedparser kept it
    assert arts and arts[0].text == "First story text."


def test_not_a_feed(write) -> None:
    [fail] = list(read_paths([write("data.xml", '<?xml version="1.0"?><config><a>1</a></config>')]))
    assert "feed" in fail.reason


def test_fragment_text_keeps_paragraphs() -> None:
    assert html_fragment_text("<p>One <b>bold</b> line.</p><p>Two.</p>") == "One bold line.\n\nTwo."
    assert html_fragment_text("plain & simple") == "plain & simple"


def test_entity_expansion_bomb_is_refused(write) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    body = rss(item("a", "&lol9;")).split("?>", 1)[1]
    bomb = f'<?xml version="1.0"?><!DOCTYPE r [{entities}]>{body}'
    path = write("bomb.xml", bomb)
    [fail] = list(read_paths([path]))
    assert fail.source == str(path) and "entity declarations" in fail.reason


def test_external_entity_is_refused(write) -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + (
        '<rss version="2.0"><channel><title>t</title><item><title>a</title><description>&x;</description></item>'
        "</channel></rss>"
    )
    [fail] = list(read_paths([write("xxe.rss", xxe)]))
    assert "refused" in fail.reason


def test_item_author_is_kept(write) -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        "<entry><title>One</title><link href='https://a.example/1'/><author><name>Dana Field</name></author>"
        "<updated>2022-07-30T12:00:00Z</updated><content type='html'>&lt;p&gt;Militants attacked a checkpoint."
        "&lt;/p&gt;</content></entry></feed>"
    )
    [art] = list(read_paths([write("wire.atom", atom)]))
    assert art.author == "Dana Field"
