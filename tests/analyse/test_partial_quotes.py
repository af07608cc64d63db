"""Quoted words inside reported speech: what a briefing shows of them must keep their sense."""
from __future__ import annotations

import pytest

from corroborate.pipeline import brief

pytestmark = pytest.mark.slow  # the models load once

HALL = ("Interior finalises its endangered species rule\n\n"
        "Dale Hall, the director of the Fish and Wildlife Service, spoke to reporters on Monday.\n\n"
        "Hall said he was initially concerned about \"the compressed time frame\" in which the agency pushed through "
        "the rule change, which was unveiled in August, but he added that he didn't \"see any harm\" in Kempthorne's "
        "final decision.\n\n"
        "The rule takes effect next month, the department said in a statement.\n")


def test_quoted_words_under_a_negation_are_shown_with_it(tmp_path):
    # ECB+ topic 9: the briefing showed Hall saying "see any harm", the reverse of what he said
    path = tmp_path / "hall.txt"
    path.write_text(HALL, encoding="utf-8")
    briefing = brief([str(path)])
    hall = [s.text for s in briefing.statements if s.speaker == "Dale Hall"]
    assert not any(text.strip(' "') == "see any harm" for text in hall), hall
    assert any("didn't \"see any harm\"" in text for text in hall), hall
    assert any(text.strip(' "') == "the compressed time frame" for text in hall), hall  # no negation: the quoted words alone


PLAGUE = ("China's health officials report a third case of plague\n\n"
          "Li Jifeng, a doctor at Chaoyang Hospital where the patients were treated, wrote about the cases in a blog "
          "post that was later taken down.\n\n"
          "Li explained that plague cases need to be carefully investigated and verified, and announcements about them "
          "cannot be “transmitted casually.” But her post was still taken down by censors.\n\n"
          "The hospital did not respond to a request for comment.\n")


def test_quoted_words_that_close_a_reported_clause_are_shown_in_it(tmp_path):
    # ScrapingHub set (Smithsonian, 18 November 2019): the briefing showed the doctor saying
    # "transmitted casually.", the reverse of her "cannot be" (the clause stops before the closing mark)
    from corroborate.render import render

    path = tmp_path / "plague.txt"
    path.write_text(PLAGUE, encoding="utf-8")
    shown = [line for line in render(brief([str(path)]), "md").split("## Who said what", 1)[1].splitlines()
             if "transmitted casually" in line]
    assert shown and all("cannot be “transmitted casually.”" in line for line in shown), shown
