"""What a fact-checker found wrong in the seed briefing: claims credited to two sides, allies
counted as disputing, rhetorical days on the timeline, dates taken from the story."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_no_claim_is_credited_to_two_opposing_sides(seed_briefing):
    for claim in seed_briefing.claims:
        assert claim.claimed_by not in ("Kyiv; Russia", "Moscow; U.S.")


def test_stoltenberg_warning_is_not_disputed_by_those_who_agree_with_him(seed_briefing):
    # Kuleba and Wallace doubt Russia's pullback, as Stoltenberg does; a cyberattack is another matter
    for claim in seed_briefing.claims:
        if "in place for a new attack" in claim.text:
            disputers = {d.name for d in claim.disputed_by}
            assert not disputers & {"Dmytro Kuleba", "Ben Wallace", "Serhii Demediuk"}


def test_disputers_are_named_parties(seed_briefing):
    names = {e.name for a in seed_briefing.articles for e in a.entities}
    assert all(d.name in names for c in seed_briefing.claims for d in c.disputed_by)
    assert "Russian leader" not in {d.name for c in seed_briefing.claims for d in c.disputed_by}


def test_putins_rhetorical_tomorrow_is_no_timeline_event(seed_briefing):
    # "They are telling us it won't happen tomorrow," Putin said. "... The day after tomorrow?"
    assert not [e for e in seed_briefing.timeline if "tomorrow" in e.text.lower()]


def test_dates_come_from_the_page_or_are_marked_inferred(seed_articles):
    week = seed_articles["000_7d330c0cd085de50.txt"]
    assert (week.published, week.published_inferred) == ("2022-02-15", True)
    # 004's only full date is in a quote ("February 15, 2022, will go down in history"): not its date line
    assert seed_articles["004_b460525a3b6ab500.txt"].published_inferred


def test_days_counted_from_an_inferred_date_are_marked_in_every_output(seed_briefing):
    from corroborate.render import render

    inferred = [e for e in seed_briefing.timeline if e.inferred]
    assert inferred and all(e.article in ("000_7d330c0cd085de50.txt", "004_b460525a3b6ab500.txt") for e in inferred)
    assert "date inferred" in render(seed_briefing, "md") and "date inferred" in render(seed_briefing, "html")
    assert '"inferred": true' in render(seed_briefing, "json")


def test_a_word_inserted_in_stoltenbergs_quote_is_reported(seed_briefing):
    # "Everything is in place for a new attack" (The Week) / "Everything is now in place" (Euronews, Newsweek)
    [inserted] = [d for d in seed_briefing.discrepancies if d.kind == "quote-wording" and d.verdict == "conflict"]
    assert '"now"' in inserted.about and "Stoltenberg" in inserted.about
    assert {v.article[:3] for v in inserted.values} >= {"000", "002"}


def test_a_body_named_inside_a_quote_offers_no_evidence(seed_briefing):
    # the ministry's own words, "As the military military training activities are over ...",
    # name no one who offers the video
    assert all("military military" != (e.by or "").lower() for c in seed_briefing.claims for e in c.evidence)

