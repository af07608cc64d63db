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
