"""The JSON API and the pages through an HTTP client, against the real app and a real SQLite store."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corroborate.archive import stored_briefing
from corroborate.render.jsonout import render as render_json
from corroborate.settings import Settings
from corroborate.store import Store

pytestmark = pytest.mark.slow  # the store fixture ingests the seed reports (spaCy, the encoder)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "briefing.schema.json"
SECTIONS = ["bottom-line", "claims", "disagreements", "who", "timeline", "coverage", "sources"]


def test_stories_list_the_seed_story_with_its_outlets_and_pages(client):
    data = client.get("/api/v1/stories").json()
    assert data["total"] == 2 and data["page"] == 1 and not data["has_next"]
    seeds = next(s for s in data["items"] if s["id"] == 1)
    assert seeds["reports"] == 5
    assert {"Euronews", "Newsweek", "The Week"} <= set(seeds["outlets"])
    # a story is titled by one of its reports' headlines
    assert seeds["title"] == "Ukraine crisis: Scepticism over Russian claim that troops are withdrawing from border"
    assert 3 <= seeds["independent_sources"] <= 5
    first = client.get("/api/v1/stories", params={"per_page": 1}).json()
    second = client.get("/api/v1/stories", params={"per_page": 1, "page": 2}).json()
    assert first["pages"] == 2 and first["has_next"] and second["has_previous"] and not second["has_next"]
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {1, 2}


@pytest.mark.parametrize("filters, found", [
    ({"outlet": "newsweek"}, [1]),
    ({"person": "Jens Stoltenberg"}, [1]),
    ({"q": "harbour budget"}, [2]),
    ({"q": "troops withdrawal", "outlet": "Euronews"}, [1]),
    ({"since": "2030-01-01"}, []),
    ({"outlet": "Nowhere Gazette"}, []),
])
def test_story_filters_combine(client, filters, found):
    assert [s["id"] for s in client.get("/api/v1/stories", params=filters).json()["items"]] == found


def test_the_briefing_json_is_what_brief_writes_for_the_story(client, db):
    import jsonschema

    served = client.get("/api/v1/stories/1/briefing")
    assert served.headers["content-type"].startswith("application/json")
    with Store(db) as store:
        expected = render_json(stored_briefing(store, store.story(1)["reports"], Settings()))
    assert served.text == expected
    jsonschema.validate(served.json(), json.loads(SCHEMA.read_text(encoding="utf-8")))
    story = client.get("/api/v1/stories/1").json()
    assert story["briefing"] == served.json() and len(story["reports"]) == 5


def test_the_story_page_shows_every_section_and_cites_sentences_on_the_page(client):
    html = client.get("/stories/1").text
    for section in SECTIONS:
        assert f'<section id="{section}">' in html
    targets = set(re.findall(r'class="anchor" id="([^"]+)"', html))
    cites = set(re.findall(r'<a class="cite" href="#([^"]+)"', html))
    assert len(cites) > 20 and cites <= targets
    assert '<a href="/reports/' in html  # each report's own page


def test_what_changed_since_a_time(client, db):
    before = client.get("/api/v1/stories/1", params={"since": "2000-01-01T00:00:00Z"}).json()["changes"]
    assert len(before["new_reports"]) == 5 and before["summary"].startswith("5 new reports")
    later = client.get("/api/v1/stories/1", params={"since": "2999-01-01T00:00"}).json()["changes"]
    assert later["summary"] == "nothing new" and later["new_reports"] == []
    page = client.get("/stories/1", params={"since": "2000-01-01"}).text
    assert "5 new reports" in page


def test_a_report_with_its_marks_and_a_highlighted_line(client):
    data = client.get("/api/v1/reports/1").json()
    assert data["story"] == 1 and data["version"] == 1 and data["article"]["quotes"]
    line = next(q["line"] for q in data["article"]["quotes"] if q["speaker"])
    html = client.get(f"/reports/1?line={line}").text
    assert 'class="cited' in html and f'line {line}</a> is highlighted' in html
    assert '<span class="quote' in html and '<span class="person' in html


def test_people_and_what_each_is_quoted_saying(client):
    people = client.get("/api/v1/people", params={"per_page": 100}).json()
    names = [p["name"] for p in people["items"]]
    assert "Jens Stoltenberg" in names and any(n.endswith("Ana Ruiz") for n in names)
    said = client.get("/api/v1/people/Jens Stoltenberg").json()
    assert said["total"] >= 5 and all(r["story"] == 1 for r in said["items"])
    assert any("Cold War" in r["sentence"] for r in client.get("/api/v1/people/Jens Stoltenberg", params={"per_page": 100}).json()["items"])
    assert len({r["outlet"] for r in said["items"]}) >= 2
    assert "Jens Stoltenberg" in client.get("/people/Jens%20Stoltenberg").text
    assert client.get("/api/v1/people/Nobody Atall").status_code == 404


def test_search_finds_a_quote_with_its_speaker_and_story(client):
    hits = client.get("/api/v1/search", params={"q": "believe what we see"}).json()["items"]
    assert hits and all(h["story"] == 1 for h in hits)
    assert any("Dmytro Kuleba" in h["speakers"] for h in hits)
    assert "Dmytro Kuleba" in client.get("/search", params={"q": "believe what we see"}).text
    one = client.get("/api/v1/search", params={"q": "Stoltenberg", "per_page": 1}).json()
    assert len(one["items"]) == 1 and one["has_next"]


def test_every_list_is_paged_and_the_api_is_documented(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/stories", "/api/v1/reports", "/api/v1/people", "/api/v1/search", "/api/v1/jobs"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert {"page", "per_page"} <= names, path
        assert {"items", "page", "per_page", "total"} <= set(client.get(path, params={"q": "NATO"}).json()), path
    assert "post" in spec["paths"]["/api/v1/reports"]
    assert "/api/v1/stories/{story_id}/briefing" in client.get("/api/v1/docs").text


@pytest.mark.parametrize("path, status, said", [
    ("/api/v1/stories/999", 404, "no story 999"),
    ("/stories/999", 404, "no story 999"),
    ("/api/v1/reports/999", 404, "no report 999"),
    ("/api/v1/stories/abc", 422, "story_id"),
    ("/api/v1/stories?per_page=1000", 422, "per_page"),
    ("/api/v1/stories?page=0", 422, "page"),
    ("/api/v1/stories/1?since=yesterday", 422, "since"),
    ("/api/v1/stories/1?since=2026-02-30T10:00", 422, "since"),
    ("/no/such/page", 404, "/no/such/page"),
])
def test_bad_requests_get_a_clear_json_error(client, path, status, said):
    answer = client.get(path)
    assert answer.status_code == status
    assert said in answer.json()["error"]


def test_a_crash_is_a_json_500_without_a_traceback(client, monkeypatch):
    from corroborate.web import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(views, "stories", broken)
    answer = client.get("/api/v1/stories")
    assert answer.status_code == 500 and answer.json()["error"].startswith("internal error (RuntimeError)")
    assert "Traceback" not in answer.text and "passwd" not in answer.text


def test_pages_carry_a_policy_that_forbids_inline_script(client):
    for path in ("/", "/stories/1", "/reports/1", "/people", "/add", "/api/v1/stories"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = client.get("/stories/1").text
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/htmx.min.js" defer>']
    assert not re.search(r"\son\w+=", html)
