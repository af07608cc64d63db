"""The quality gate: the seed briefing scored exactly as the issues measure it (shared/tools/score_seeds.py)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_statements_align_across_reports(seed_scores):
    assert seed_scores["statements_found"] == "7/7"
    assert seed_scores["statement_mention_recall"] >= 0.85
    assert seed_scores["statement_merges"] == 0


def test_discrepancies_found_with_their_verdicts_and_few_false_alarms(seed_scores, seed_briefing):
    assert seed_scores["discrepancies_found"] == "4/4"
    assert seed_scores["discrepancies_reported"] <= 6
    belarus = next(d for d in seed_briefing.discrepancies if d.kind == "date")
    assert {v.normalized for v in belarus.values} == {"2022-02-20", "2022-01-20"}
    assert belarus.verdict == "conflict"


def test_central_claim_is_a_disputed_self_report(seed_scores, seed_briefing):
    assert seed_scores["central_claim_ok"] is True
    claim = seed_briefing.claims[0]
    assert claim.self_report and claim.status in ("disputed", "unconfirmed")
    assert {"Jens Stoltenberg", "Dmytro Kuleba"} <= {d.name for d in claim.disputed_by}
    assert claim.evidence and all("ministry" in (e.by or "").lower() for e in claim.evidence)


def test_wire_copy_counts_as_its_agency(seed_briefing):
    origins = seed_briefing.coverage.origins
    assert origins["001_1d6916144dc53bee.txt"] == "AP"
    assert origins["002_2754b22c23dfc887.txt"] == "AFP"


def test_bottom_line_cites_the_pullback_and_both_reactions(seed_briefing):
    lines = [(s.text.lower(), {m.article for m in s.citations}) for s in seed_briefing.summary]
    assert 3 <= len(lines) <= 6
    # the pullback, Stoltenberg's "not seen any sign(s)" and Kuleba's "believe what we see"
    for words in (("pull",), ("not seen", "sign"), ("believe", "see")):
        assert any(all(w in text for w in words) and len(cited) >= 2 for text, cited in lines), words


def test_timeline_is_dated_and_sourced(seed_briefing):
    days = [e.date for e in seed_briefing.timeline]
    assert days == sorted(days)
    assert "2022-02-15" in days and "2022-02-20" in days
