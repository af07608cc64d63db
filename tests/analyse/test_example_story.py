"""The bundled example story: invented outlets, a figure that differs, a date only one report moves."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_ship_length_conflict_and_passenger_count_compatible(example_briefing):
    numbers = {d.about: d for d in example_briefing.discrepancies if d.kind == "number"}
    foot = next(d for about, d in numbers.items() if "foot" in about)
    assert foot.verdict == "conflict" and {v.normalized for v in foot.values} == {948, 984}
    passengers = next(d for about, d in numbers.items() if "passengers" in about)
    assert passengers.verdict == "compatible"


def test_the_union_leader_quote_is_one_statement_in_three_outlets(example_briefing):
    statement = next(s for s in example_briefing.statements if s.speaker == "Jonas Berg" and "waiting to happen" in s.text)
    assert len(statement.outlets) == 3


def test_coast_guard_spokeswoman_keeps_her_role(example_briefing):
    varga = [e for a in example_briefing.articles for e in a.entities if e.name == "Ilse Varga"]
    assert any("spokeswoman" in role for e in varga for role in e.roles)


ESCAPE = ("Texas inmate still on the run\n\n"
          "Prison officials said convicted rapist Arcade Comeaux escaped from a prison van near Baytown on {day} "
          "after pulling a gun on the two guards driving him to Beaumont. The Texas Department of Criminal Justice "
          "said Comeaux had faked a back injury to be moved in a wheelchair.")


def escape_story(tmp_path, days: tuple[str, str], published: tuple[str, str]):
    import json

    from corroborate.pipeline import brief

    lines = [json.dumps({"id": f"r{i}", "title": "Texas inmate still on the run", "outlet": outlet, "published": date,
                         "text": ESCAPE.format(day=day)})
             for i, (outlet, day, date) in enumerate(zip(("Houston Daily", "Blog Reposts"), days, published))]
    # a third report on the prison system, so that the inmate's name marks the two as one event
    lines.append(json.dumps({"id": "r2", "title": "Prisons review transport rules", "outlet": "State Wire",
                             "published": published[0], "text": "Prisons review transport rules\n\nThe Texas Department "
                             "of Criminal Justice said it would review how guards move inmates between units."}))
    path = tmp_path / "escape.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return [d for d in brief([str(path)]).discrepancies if d.kind == "date"]


def test_a_year_only_inferred_from_a_repost_date_is_no_conflict(tmp_path):
    # the repost, dated a year on, writes "Nov. 30" without a year: 2010-11-30 by its own date
    assert escape_story(tmp_path, ("Nov. 30", "Nov. 30"), ("2009-12-01", "2010-01-12")) == []
    different_days = escape_story(tmp_path, ("Nov. 30", "Nov. 23"), ("2009-12-01", "2009-12-01"))
    assert [sorted(v.normalized for v in d.values) for d in different_days] == [["2009-11-23", "2009-11-30"]]
