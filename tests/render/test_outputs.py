"""Markdown, HTML and JSON carry the same briefing; JSON keeps to docs/briefing.schema.json."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest

from corroborate.render import render

pytestmark = pytest.mark.slow
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "briefing.schema.json").read_text())


def test_json_validates_against_the_schema(seed_briefing):
    data = json.loads(render(seed_briefing, "json"))
    jsonschema.validate(data, SCHEMA)
    assert len(data["articles"]) == 5


def test_markdown_and_html_show_the_same_sections_and_claims(seed_briefing):
    md, html = render(seed_briefing, "md"), render(seed_briefing, "html")
    for heading in ("Bottom line", "Claims", "Where the reports disagree", "Who said what", "Timeline", "Coverage", "Sources"):
        assert f"## {heading}" in md and f">{heading}</h2>" in html
    for summary in seed_briefing.summary:
        assert summary.text in md
        assert summary.text.replace('"', "&#34;").replace("'", "&#39;")[:40] in html
    for discrepancy in seed_briefing.discrepancies:
        assert discrepancy.about in md


def test_every_html_citation_points_at_an_anchor(seed_briefing):
    html = render(seed_briefing, "html")
    targets = set(re.findall(r'href="#(a\d+-\d+)"', html))
    anchors = set(re.findall(r'id="(a\d+-\d+)"', html))
    assert targets and targets <= anchors
    assert "<script" not in html and "http://" not in html and "https://" not in html


def test_two_reports_of_one_outlet_are_cited_apart(seed_briefing):
    """A reader must be able to tell which of an outlet's reports a citation points at."""
    briefing = copy.deepcopy(seed_briefing)
    order = {a.id: i for i, a in enumerate(briefing.articles)}
    shared = next(s for s in briefing.statements if len({m.article for m in s.mentions}) > 1)
    first, second = (briefing.articles[order[i]] for i in sorted({m.article for m in shared.mentions}, key=order.get)[:2])
    first.outlet = second.outlet = "Same Outlet"
    md = render(briefing, "md")
    assert f"### Same Outlet (1): {first.title}" in md and f"### Same Outlet (2): {second.title}" in md
    line = next(line for line in md.splitlines() if shared.text in line and "[Same Outlet" in line)
    assert "[Same Outlet (1) L" in line and "[Same Outlet (2) L" in line
    assert "[Same Outlet L" not in md
    html = render(briefing, "html")
    assert ">Same Outlet (1) L" in html and ">Same Outlet (2) L" in html
