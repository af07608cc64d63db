"""'Who said what' shows how each statement was said: the cue, a stance other than asserting,
and quote marks only around a speaker's own words."""
from __future__ import annotations

import re

import pytest

from corroborate.render import render

pytestmark = pytest.mark.slow


def who_said_what(markdown: str) -> list[str]:
    section = markdown.split("## Who said what", 1)[1].split("## Timeline", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- ")]


def test_a_denial_is_shown_as_a_denial_and_paraphrase_without_quote_marks(seed_briefing):
    lines = who_said_what(render(seed_briefing, "md"))
    # "Moscow has consistently denied that it is planning a war."
    war = next(line for line in lines if "it is planning a war" in line)
    assert war.startswith("- (denies) denied: that it is planning a war")
    # "Putin emphasized that he did not want war ..." / "insisted he does not want a war ...": his
    # words reported, not quoted (which report's wording is shown is the statement's choice)
    war_not_wanted = next(line for line in lines if re.search(r"he d(?:id|oes) not want (?:a )?war", line))
    assert re.match(r"- (?:emphasized|insisted): (?:that )?he d(?:id|oes) not want", war_not_wanted) and '"' not in war_not_wanted
    # a direct quote keeps its marks and its cue
    assert any(line.startswith('- said: "') for line in lines)


def test_the_html_page_shows_the_same_cue_and_stance(seed_briefing):
    page = render(seed_briefing, "html")
    assert '<b class="stance">(denies)</b> <span class="cue">denied:</span> that it is planning a war' in page


def test_a_few_quoted_words_are_shown_with_the_reported_words_around_them(seed_briefing):
    """Alone, "far from exhausted" or "real de-escalation" tells a reader nothing."""
    lines = who_said_what(render(seed_briefing, "md"))
    assert not any(re.match(r'- \w+: "(?:far from exhausted|real de-escalation)"', line) for line in lines)
    assert any('to see whether it amounted to a "real de-escalation"' in line for line in lines)
    exhausted = [line for line in lines if "far from exhausted" in line]
    # two pieces quoted from one sentence: the sentence once, not once per piece
    assert len(exhausted) == 1 and 'diplomatic options are "far from exhausted"' in exhausted[0] and '"good signal"' in exhausted[0]
    # the quote marks the quoted words need come with them
    too_soon = next(line for line in lines if "too soon to tell" in line)
    assert too_soon.count("“") == too_soon.count("”") == 1
