"""Maps and activity charts: server-drawn SVG over the archive, for one actor and across actors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from api_archive import ZB, build_archive
from fastapi.testclient import TestClient

from threatgraph.api.app import create_app
from threatgraph.store.db import open_store
from threatgraph.web.activity import dated, event_places
from threatgraph.web.charts import activity_svg
from threatgraph.web.geo.places import locate
from threatgraph.web.geo.svgmap import MapPoint, frame, render_map

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('act') / 'a.db'}")
    build_archive(engine)
    return TestClient(create_app(engine, token="t"), base_url="http://127.0.0.1")


def svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == SVG_NS + "svg" and root.get("role") == "img"
    return root


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Iran", "country", "IR"),
        ("Karachi", "city", "PK"),
        ("Gardez district", "city", "AF"),
        ("U.S.", "country", "US"),
    ],
)
def test_places_are_located_by_gazetteer_data(name, kind, country):
    place = locate(name)
    assert place is not None and place.kind == kind and place.country == country


def test_an_unknown_place_is_not_drawn_at_a_guess():
    assert locate("Qaryat Nowhere-at-all") is None
    located = event_places([{"place": "Qaryat Nowhere-at-all"}, {"place": "Karachi"}, {"place": "Karachi"}])
    assert [(p.name, p.count) for p in located.points] == [("Karachi", 2)]
    assert located.unlocated == [("Qaryat Nowhere-at-all", 1)]


def test_map_frames_the_points_and_keeps_the_aspect():
    west, south, east, north = frame([MapPoint("a", 33.0, 44.0, 1), MapPoint("b", 30.0, 67.0, 3)])
    assert west < 44 < 67 < east and south < 30 < 33 < north
    assert abs((east - west) - 2 * (north - south)) < 1e-6
    root = svg(render_map([MapPoint("Karachi", 24.86, 67.01, 3)], "t"))
    circles = root.findall(f".//{SVG_NS}circle")
    assert len(circles) == 1 and "Karachi: 3 events" in circles[0].find(f"{SVG_NS}title").text
    assert root.findall(f".//{SVG_NS}path"), "the countries around the point are drawn"


def test_chart_groups_by_month_and_switches_grain_for_long_spans():
    months = svg(activity_svg([(date(2022, 1, 5), "ASSAULT"), (date(2022, 3, 1), "ARREST")], "t"))
    titles = [t.text for t in months.iter(f"{SVG_NS}title")]
    assert "Jan 2022: 1 ASSAULT" in titles and "Mar 2022: 1 ARREST" in titles
    years = svg(activity_svg([(date(2001, 1, 1), "ASSAULT"), (date(2022, 1, 1), "ASSAULT")], "t"))
    assert any(t.text == "2022: 1 ASSAULT" for t in years.iter(f"{SVG_NS}title"))
    assert "No dated events" in activity_svg([], "t")


def test_dated_skips_undated_rows():
    assert dated([{"date_start": None, "type": "X"}, {"date_start": "2020-02-03", "type": "Y"}]) == [
        (date(2020, 2, 3), "Y")
    ]


def test_entity_map_and_chart_are_svg(client):
    for path in (f"/entities/{ZB}/map.svg", f"/entities/{ZB}/activity.svg"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        svg(r.text)
    assert client.get("/entities/ent-none/map.svg").status_code == 404


def test_archive_activity_filters(client):
    everything = client.get("/activity.json").json()
    assert everything["events"] >= 1 and everything["actors"]
    one_type = everything["type_choices"][0]
    narrowed = client.get("/activity.json", params={"type": one_type}).json()
    assert set(narrowed["types"]) <= {one_type}
    actor = client.get("/activity.json", params={"actor": ZB}).json()
    assert actor["events"] <= everything["events"] and any(a["id"] == ZB for a in actor["actors"])
    assert client.get("/activity.json", params={"start": "2030-01-01", "end": "2020-01-01"}).status_code == 400
    assert client.get("/activity.json", params={"start": "2100-01-01"}).json()["events"] == 0
    page = client.get("/activity", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'src="/activity/map.svg' in page.text
    svg(client.get("/activity/map.svg", params={"country": "IR"}).text)


def test_empty_form_fields_mean_no_bound_and_bad_dates_are_named(client):
    r = client.get("/activity.json", params={"actor": "", "country": "", "start": "", "end": ""})
    assert r.status_code == 200
    bad = client.get("/activity.json", params={"start": "yesterday"})
    assert bad.status_code == 422 and "start" in bad.json()["detail"]
