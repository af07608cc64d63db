"""Alignment on reports built by hand: one remark is one statement whoever each outlet credits it
to, and an assertion never joins the denial of it."""
from __future__ import annotations

import re

import pytest

from corroborate.analyse import analyse
from corroborate.model import Article, Entity, Mention, Quote, Sentence
from corroborate.text import split_lines

pytestmark = pytest.mark.slow  # the sentence encoder loads once


def report(article_id: str, outlet: str, sentence: str, quoted: str, speaker: str, mention: str,
           kind: str = "direct", stance: str = "asserts") -> Article:
    """One report of a title and one body sentence quoting `quoted`, said by `speaker`."""
    text = f"Harbour row\n\n{sentence}"
    lines = split_lines(text)
    for ln in lines:
        ln.label = "title" if ln.line == 1 else "body"
    body = lines[2]
    start = text.index(quoted)
    at = text.index(mention)
    quote = Quote(article_id, 3, start, start + len(quoted), quoted, kind, cue="said", speaker=speaker,
                  speaker_mention=Mention(at, at + len(mention), mention), remark=1, stance=stance)
    people = [Entity(speaker, "person", mentions=[Mention(at, at + len(mention), mention)])]
    return Article(id=article_id, source=article_id, text=text, title="Harbour row", outlet=outlet, published="2024-05-02",
                   lines=lines, sentences=[Sentence(3, body.start, body.end, sentence)], quotes=[quote], entities=people)


def statements_holding(briefing, phrase: str):
    return [s for s in briefing.statements if any(phrase in m.text for m in s.mentions)]


def test_a_quote_credited_to_two_people_is_one_statement_and_an_attribution_conflict():
    words = "We will not let the harbour close while ships still need it"
    a = report("a", "Coast Post", f'"{words}," said Anna Berg, the harbour master.', words, "Anna Berg", "Anna Berg")
    b = report("b", "Bay Times", f'"{words.lower()}," Mayor Olaf Dahl told reporters.', words.lower(), "Olaf Dahl", "Olaf Dahl")
    briefing = analyse([a, b])
    [statement] = statements_holding(briefing, "harbour close")
    assert {m.article for m in statement.mentions} == {"a", "b"}
    [who] = [d for d in briefing.discrepancies if d.kind == "attribution"]
    assert who.verdict == "conflict"
    assert {(v.outlet, v.normalized) for v in who.values} == {("Coast Post", "Anna Berg"), ("Bay Times", "Olaf Dahl")}


def test_a_shortened_quote_with_an_ellipsis_is_the_same_remark():
    full = "The port will reopen on Monday once the divers have checked the pier and the cranes"
    cut = "The port will reopen on Monday … once the divers have checked the pier"
    a = report("a", "Coast Post", f'"{full}," Anna Berg said.', full, "Anna Berg", "Anna Berg")
    b = report("b", "Bay Times", f'"{cut}," Berg said.', cut, "Anna Berg", "Berg")
    briefing = analyse([a, b])
    [statement] = statements_holding(briefing, "port will reopen")
    assert len(statement.outlets) == 2


@pytest.mark.parametrize("stance", ["denies", "questions"])
def test_an_assertion_and_its_denial_are_never_one_statement(stance):
    claim = "the navy had closed the harbour to fishing boats"
    a = report("a", "Coast Post", f"Anna Berg said {claim}.", claim, "Anna Berg", "Anna Berg", kind="indirect")
    b = report("b", "Bay Times", f"Anna Berg denied {claim}.", claim, "Anna Berg", "Anna Berg", kind="indirect",
               stance=stance)
    briefing = analyse([a, b])
    held = statements_holding(briefing, "closed the harbour")
    assert len(held) == 2
    assert all(len({m.article for m in s.mentions}) == 1 for s in held)


def test_paraphrases_by_two_people_stay_apart():
    a = report("a", "Coast Post", "Anna Berg said the harbour would stay open all winter for the fishing fleet.",
               "the harbour would stay open all winter for the fishing fleet", "Anna Berg", "Anna Berg", kind="indirect")
    b = report("b", "Bay Times", "Olaf Dahl said the harbour would remain open through the winter for fishermen.",
               "the harbour would remain open through the winter for fishermen", "Olaf Dahl", "Olaf Dahl", kind="indirect")
    briefing = analyse([a, b])
    assert all(len(s.outlets) == 1 for s in statements_holding(briefing, "harbour"))
    assert not [d for d in briefing.discrepancies if d.kind == "attribution"]


def test_a_word_changed_inside_one_quote_is_reported():
    said = "We will sue the Harbour Board and the Wendy Larsen shipping line for the damage"
    fixed = said.replace("Wendy", "Debbie")
    a = report("a", "Coast Post", f'"{said}," Anna Berg said.', said, "Anna Berg", "Anna Berg")
    b = report("b", "Bay Times", f'"{fixed}," Anna Berg said.', fixed, "Anna Berg", "Anna Berg")
    briefing = analyse([a, b])
    [changed] = [d for d in briefing.discrepancies if d.kind == "quote-wording" and d.verdict == "conflict"]
    assert re.search(r"Wendy.*Debbie|Debbie.*Wendy", changed.about)
    assert {v.outlet for v in changed.values} == {"Coast Post", "Bay Times"}
