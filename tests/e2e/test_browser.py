"""The HTML briefing as a reader sees it, in headless Chromium: every section, every citation, no errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.render import render

pytestmark = pytest.mark.slow
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
SECTIONS = ["bottom-line", "claims", "disagreements", "who", "timeline", "coverage", "sources"]


@pytest.fixture(scope="module")
def page(seed_briefing, tmp_path_factory, watched_page):
    path = tmp_path_factory.mktemp("html") / "briefing.html"
    path.write_text(render(seed_briefing, "html"), encoding="utf-8")
    with watched_page(("file:", "data:", "about:")) as page:
        page.goto(path.as_uri())
        yield page


def test_every_section_is_present_and_nothing_errs(page):
    for section in SECTIONS:
        assert page.locator(f"section#{section}").count() == 1, section
        assert page.locator(f"section#{section} h2").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "briefing-top.png"))
    page.screenshot(path=str(SHOTS / "briefing-full.png"), full_page=True)
    assert page.problems == []


def test_every_citation_lands_on_a_highlighted_sentence(page):
    links = page.locator("a.cite")
    hrefs = sorted(set(links.evaluate_all("els => els.map(e => e.getAttribute('href'))")))
    assert len(hrefs) > 20
    for href in hrefs:
        target = page.locator(f"[id='{href[1:]}']")
        assert target.count() == 1, href
        cited = target.evaluate("el => el.nextElementSibling && el.nextElementSibling.classList.contains('cited')")
        assert cited, href
    first = links.first
    first.click()
    assert page.evaluate("location.hash") == first.get_attribute("href")
    outlined = page.evaluate("getComputedStyle(document.querySelector(':target').parentElement).outlineStyle")
    assert outlined == "solid"
    page.screenshot(path=str(SHOTS / "citation-target.png"))


def test_pictures_are_drawn(page):
    assert page.locator("svg.timeline circle").count() >= 2
    assert page.locator("svg.matrix rect").count() >= 10
    assert page.locator("svg.reliance text").count() >= 2
