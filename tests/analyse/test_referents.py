"""Disagreements beyond figures: one place named two ways, a status denied by one report and
given by another, and a newer report updating an older one."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


def brief_reports(tmp_path, reports: list[tuple[str, str | None, str]]):
    from corroborate.pipeline import brief

    lines = [json.dumps({"id": f"r{i}", "title": "Warehouse fire", "outlet": outlet, "published": published,
                         "text": "Warehouse fire\n\n" + text}) for i, (outlet, published, text) in enumerate(reports)]
    path = tmp_path / "story.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return brief([str(path)])


FIRE = ("Firefighters battled a blaze at a furniture warehouse in {town} for six hours on Tuesday night, the county "
        "fire department said. Nobody was hurt, but the building and three delivery trucks were destroyed.")


def test_one_place_named_two_ways_is_a_name_conflict(tmp_path):
    briefing = brief_reports(tmp_path, [("Shore Daily", "2024-03-06", FIRE.format(town="Norfolk")),
                                        ("Valley Herald", "2024-03-06", FIRE.format(town="Norwalk"))])
    [renamed] = [d for d in briefing.discrepancies if d.kind == "name"]
    assert renamed.verdict == "conflict"
    assert {(v.outlet, v.surface) for v in renamed.values} == {("Shore Daily", "Norfolk"), ("Valley Herald", "Norwalk")}


def test_two_places_one_report_names_are_no_conflict(tmp_path):
    both = FIRE.format(town="Norfolk") + " Crews from Norwalk helped to put it out."
    briefing = brief_reports(tmp_path, [("Shore Daily", "2024-03-06", both),
                                        ("Valley Herald", "2024-03-06", FIRE.format(town="Norwalk"))])
    assert not [d for d in briefing.discrepancies if d.kind == "name"]


NOT_CHARGED = ("Police questioned the warehouse owner, Mark Olsen, for several hours. No formal charges have been "
               "filed against Olsen yet, a police spokeswoman said.")
CHARGED = ("The warehouse owner, Mark Olsen, was charged with arson and insurance fraud, prosecutors said in a "
           "statement. Olsen is due in court next week.")


@pytest.mark.parametrize("dates, verdict", [(("2024-03-06", "2024-03-08"), "updated"), (("2024-03-08", "2024-03-08"), "conflict")])
def test_a_status_denied_then_given_is_an_update_or_a_conflict(tmp_path, dates, verdict):
    briefing = brief_reports(tmp_path, [("Shore Daily", dates[0], NOT_CHARGED), ("Valley Herald", dates[1], CHARGED)])
    [status] = [d for d in briefing.discrepancies if d.kind == "status"]
    assert status.verdict == verdict and "Mark Olsen" in status.about and "charged" in status.about
    assert [v.outlet for v in status.values] == ["Shore Daily", "Valley Herald"]
    if verdict == "updated":
        assert status.why.startswith("updated since")


def test_a_toll_that_grew_between_dated_reports_is_an_update(tmp_path):
    toll = "The fire at the furniture warehouse killed {n} workers, the county fire department said on {day}."
    briefing = brief_reports(tmp_path, [("Shore Daily", "2024-03-06", toll.format(n=3, day="Wednesday")),
                                        ("Valley Herald", "2024-03-09", toll.format(n=7, day="Saturday"))])
    [toll_change] = [d for d in briefing.discrepancies if d.kind == "number"]
    assert toll_change.verdict == "updated" and "Valley Herald" in toll_change.why
