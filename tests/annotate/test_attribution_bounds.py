"""Where an attribution's content begins and ends, and which pieces make one remark: real
sentences from US campaign reporting (the PolNeAR training articles), where the content was cut
short or one remark came out as several."""
from __future__ import annotations

import pytest

from annotated_reports import annotated_report, quote_with
from corroborate.model import Article

pytestmark = pytest.mark.slow


def annotated(*paragraphs: str) -> Article:
    return annotated_report("Campaign notes from the trail", *paragraphs)


def test_two_apostrophes_open_and_close_a_quote_past_an_apostrophe_inside():
    article = annotated(
        "MTV is bringing back its acoustic show this year, with new bands on a new set.",
        "''I don't think we need to trade on the nostalgia of what 'Unplugged' meant for me and you if you "
        "witnessed it the first time,'' Mr. Flannigan said. ''It really is a brand-new idea to somebody who "
        "is 22 years old.''")
    first = quote_with(article, "trade on the nostalgia")
    assert first.kind == "direct" and first.text.endswith("the first time,")
    assert first.speaker == "Flannigan"
    # the reported "think" inside his quoted words is his quote, not a remark of its own
    assert not [q for q in article.quotes if q.kind == "indirect"]


def test_what_a_speaker_calls_a_thing_is_part_of_the_content():
    article = annotated(
        "Bernie Sanders spoke to about 2,000 people in the college gym on Saturday.",
        "He also touted his D-minus rating from the National Rifle Association as evidence that he is a "
        "staunch supporter of gun-control laws.")
    touted = quote_with(article, "D-minus rating")
    assert touted.cue == "touted" and touted.text.endswith("supporter of gun-control laws")


def test_an_infinitive_of_purpose_stays_in_the_reported_clause():
    article = annotated(
        "Voters came out in large numbers across the state on Saturday.",
        "Marley Anderson said she turned out at her first caucus Saturday to support Bernie Sanders because "
        "of his stands on social issues.")
    said = quote_with(article, "she turned out")
    assert (said.speaker, said.cue) == ("Marley Anderson", "said")
    assert "to support Bernie Sanders because of his stands on social issues" in said.text
    assert [q.cue for q in article.quotes] == ["said"]


def test_quoted_words_and_the_reported_clause_around_them_are_one_remark():
    article = annotated(
        "The Democratic National Committee sued the Trump campaign on Friday.",
        "Responding on Twitter, Wikileaks said the DNC was seeking publicity with its lawsuit and defended its "
        "release of the committee's emails, saying it helped expose the \"DNC rigged its primaries on behalf of "
        "Hillary Clinton.\"")
    saying = next(q for q in article.quotes if q.cue == "saying" and q.kind == "indirect")
    assert saying.text.startswith("it helped expose the")
    quoted = quote_with(article, "DNC rigged its primaries")
    assert quoted.remark == saying.remark and (quoted.speaker, quoted.cue) == ("Wikileaks", "saying")
    said = quote_with(article, "seeking publicity")
    assert said.text == "the DNC was seeking publicity with its lawsuit" and said.remark != saying.remark


def test_a_second_speech_verb_ends_the_reported_clause():
    # the parser hangs "recalled" on the reported clause; it is Perez's own second act
    article = annotated(
        "The Democratic National Committee sued the Trump campaign on Friday.",
        "Denying any financial motivation, Mr. Perez said in an interview that the lawsuit had been taking shape "
        "for months, and recalled facing demands as early as the winter of 2017 to file suit against Mr. Trump.")
    said = quote_with(article, "taking shape")
    assert said.cue == "said" and said.text.endswith("taking shape for months")


def test_a_quote_going_on_in_the_next_paragraph_without_a_tag_is_one_remark():
    article = annotated(
        "Rubio kept up the attack at a rally in Virginia on Sunday.",
        "“He’s always calling me ‘Little Marco.’ I admit, he’s taller than me,” Rubio said Sunday in Virginia "
        "as the crowd roared.",
        "“Which is why I don’t understand why his hands are so small. You can’t trust them.”",
        "Trump did not respond on Sunday.",
        "“We will see in Florida,” a Trump aide said.")
    first, second = quote_with(article, "Little Marco"), quote_with(article, "his hands are so small")
    assert first.remark == second.remark and second.speaker == "Rubio"
    assert quote_with(article, "We will see in Florida").remark != first.remark


def test_a_participle_after_a_claim_noun_carries_no_claim():
    article = annotated(
        "Protesters marched through the city for a third night.",
        "But for Charlotte, the questions sparked by Scott's death will take longer to answer.")
    assert not [q for q in article.quotes if q.kind == "indirect"]


def test_a_title_after_a_work_or_after_two_apostrophes_quotes_no_one():
    article = annotated(
        "The family left Cuba in 1956 and settled in Miami.",
        "Fidel Castro's revolution in 1959 dampened plans to return home, Mr. Rubio said in his 2012 book, "
        "''An American Son.'' So they stayed.",
        "''These are ordinary working women,'' said Suzanne Ferriss, an English professor at Nova Southeastern "
        "University and a co-editor of ''Chick Lit: The New Woman's Fiction.''")
    assert {q.text for q in article.quotes if q.kind == "scare"} == {"An American Son.", "Chick Lit: The New Woman's Fiction."}
    assert quote_with(article, "ordinary working women").speaker == "Suzanne Ferriss"


def test_an_act_in_a_relative_clause_says_who_someone_is_and_is_no_remark():
    article = annotated(
        "Union leaders gathered in Philadelphia ahead of the convention.",
        "RoseAnn DeMoro, executive director of National Nurses United, a union that has endorsed Mr. Sanders, "
        "said the protests would go on all week.")
    assert [(q.speaker, q.cue) for q in article.quotes] == [("RoseAnn DeMoro", "said")]


def test_a_content_never_ends_inside_a_hyphenated_word():
    # NewsWCL50 event 9 (Breitbart): the parser hangs "re", "-" and "negotiating" apart; the content was "he was open to re"
    article = annotated(
        "In response to a question by Jordan Fabian of The Hill, President Trump said that he had watched some of "
        "Netanyahu's presentation, and implied that he found it convincing, but would not yet announce his plans — "
        "though he said he was open to re-negotiating the deal.",
        "The deal was signed in 2015 by six world powers and Iran.")
    quote = quote_with(article, "he was open to")
    assert quote.text == "he was open to re-negotiating the deal" and quote.speaker == "Trump" and quote.stance == "asserts"


def test_a_tag_after_an_adverbial_opening_is_left_out_of_the_content():
    # ECB+ topic 19 (New York Times): the content held the tag, "At the same time, he said, the situation ..."
    article = annotated(
        "Shanduke McPhatter, who runs an anti-violence group in the neighborhood, spoke to reporters on Tuesday.",
        "At the same time, he said, the situation on the streets has grown more complex for law enforcement.",
        "The border, he said, stays closed to all trucks until Friday.")
    assert quote_with(article, "the situation on the streets").text.startswith("the situation on the streets")
    assert quote_with(article, "stays closed").text.startswith("The border, he said, stays closed")  # the subject stays
