"""Claims and disagreements a fact-checker can trust, on sentences of real multi-outlet stories
(NewsWCL50): a party disputes a claim only with words against it, one speaker's two remarks on
one topic stay two, and two different counts are no disagreement."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from corroborate.analyse import analyse
from corroborate.model import Article, Entity, Mention, Quote, Sentence, Value
from corroborate.text import split_lines

pytestmark = pytest.mark.slow  # the sentence encoder loads once


@dataclass
class Said:
    """One paragraph: a sentence, the words in it credited to a speaker, and how."""
    sentence: str
    words: str | None = None
    speaker: str | None = None
    named_as: str | None = None
    kind: str = "direct"
    stance: str = "asserts"
    names: tuple[tuple[str, str], ...] = ()  # people the paragraph names: (name, as written)


def report(article_id: str, outlet: str, *paragraphs: Said, values: tuple[tuple[str, str, float, str], ...] = ()) -> Article:
    """A report titled "Summit talks" whose body is the paragraphs; `values` are (paragraph text,
    figure as written, number, unit) the annotator would find."""
    text = "Summit talks\n\n" + "\n\n".join(p.sentence for p in paragraphs)
    lines = split_lines(text)
    for ln in lines:
        ln.label = "title" if ln.line == 1 else "body"
    body = [ln for ln in lines if ln.label == "body" and text[ln.start:ln.end].strip()]
    sentences, quotes, people = [], [], {}
    for number, (p, line) in enumerate(zip(paragraphs, body), 1):
        at = line.start
        for part in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", p.sentence):  # sentences, as the parser would cut them
            start = text.index(part, at)
            sentences.append(Sentence(line.line, start, start + len(part), part))
            at = start + len(part)
        for name, written in p.names:
            at = text.index(written, line.start)
            people.setdefault(name, Entity(name, "person")).mentions.append(Mention(at, at + len(written), written))
        if p.words is None:
            continue
        start = text.index(p.words, line.start)
        named = p.named_as or p.speaker
        mention = None
        if named:  # words in quotation marks credited to no one have no speaker
            at = text.index(named, line.start)
            mention = Mention(at, at + len(named), named)
            people.setdefault(p.speaker, Entity(p.speaker, "person")).mentions.append(mention)
        quotes.append(Quote(article_id, line.line, start, start + len(p.words), p.words, p.kind, cue="said", speaker=p.speaker,
                            speaker_mention=mention, remark=number, stance=p.stance))
    found = []
    for paragraph, figure, number, unit in values:
        line = next(ln for ln, p in zip(body, paragraphs) if p.sentence == paragraph)
        at = text.index(figure, line.start)
        found.append(Value(article_id, line.line, at, at + len(figure), figure, "quantity", number, unit, "exact", number, number))
    return Article(id=article_id, source=article_id, text=text, title="Summit talks", outlet=outlet, published="2018-04-21",
                   lines=lines, sentences=sentences, quotes=quotes, entities=list(people.values()), values=found)


YOON = Said('"We view the North\'s decision as a significant step toward the denuclearization of the Korean Peninsula '
            'the world has wished for," said Yoon Young-chan, a spokesman for Mr. Moon.',
            "We view the North's decision as a significant step toward the denuclearization of the Korean Peninsula "
            "the world has wished for", "Yoon Young-chan")

# each report tells the story in its own words too, so that the two are two sources, not one copy
SUMMIT = Said("Mr. Kim's announcement came just days before a scheduled summit meeting with President Moon Jae-in of "
              "South Korea, and Mr. Kim is also planning to meet with President Trump soon.")
TESTS = Said("Mr. Kim spent last year conducting a series of nuclear and intercontinental ballistic missile tests, raising "
             "tensions and a risk of war with the United States.")


def test_a_negation_of_something_else_is_no_dispute():
    # Moon agrees with his spokesman; his "no longer insisted on the withdrawal" denies nothing Yoon said
    moon = Said("On Thursday, Mr. Moon said Mr. Kim had made a similar gesture, saying the North no longer insisted on "
                "the withdrawal of American troops from the Korean Peninsula.",
                "the North no longer insisted on the withdrawal of American troops from the Korean Peninsula",
                "Moon Jae-in", "Mr. Moon", kind="indirect")
    briefing = analyse([report("a", "Seoul Daily", YOON, SUMMIT), report("b", "Harbor Times", YOON, TESTS, moon)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Yoon Young-chan"]
    assert claim.disputed_by == [] and claim.status == "unconfirmed"


def test_a_denial_of_the_claim_is_a_dispute():
    denial = Said("Mr. Bolton said the North's decision was not a significant step toward denuclearization at all.",
                  "the North's decision was not a significant step toward denuclearization at all", "John Bolton",
                  "Mr. Bolton", kind="indirect")
    briefing = analyse([report("a", "Seoul Daily", YOON, SUMMIT), report("b", "Harbor Times", YOON, TESTS, denial)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Yoon Young-chan"]
    assert [d.name for d in claim.disputed_by] == ["John Bolton"] and claim.status == "disputed"


def test_one_speakers_two_remarks_on_one_topic_are_two_statements():
    possible = "It's possible things won't go well and we won't have the meetings, and we'll just continue to go on this very strong path"
    either = "We'll either have a very good meeting or we won't have a good meeting"
    a = report("a", "Harbor Times", Said(f'"{possible}," Trump said of the summit with Kim Jong Un.', possible, "Donald Trump", "Trump"))
    b = report("b", "Seoul Daily", Said(f'"{either}," Trump said of the summit with Kim Jong Un.', either, "Donald Trump", "Trump"))
    briefing = analyse([a, b])
    held = [s for s in briefing.statements if any("meeting" in m.text for m in s.mentions)]
    assert held and all(len({m.article for m in s.mentions}) == 1 for s in held)
    assert not [d for d in briefing.discrepancies if d.kind == "quote-wording"]


def test_two_translations_of_one_remark_are_one_statement():
    done = "The nuclear test site has done its job"
    completed = "the northern nuclear test site has completed its mission"
    a = report("a", "Harbor Times", Said(f'"{done}," Mr. Kim said in a statement carried by state media.', done, "Kim Jong Un", "Mr. Kim"))
    b = report("b", "Seoul Daily", Said(f'Kim added "{completed}."', completed, "Kim Jong Un", "Kim"))
    briefing = analyse([a, b])
    [statement] = [s for s in briefing.statements if any("test site" in m.text for m in s.mentions)]
    assert {m.article for m in statement.mentions} == {"a", "b"}


def test_two_different_counts_of_one_kind_are_no_disagreement():
    fired = "In total, the country fired 23 missiles during 16 tests between February and December 2017, according to a count."
    icbms = ("Kim tested three intercontinental ballistic missiles last year, part of a sprint of missile tests between "
             "February and December 2017.")
    a = report("a", "Harbor Times", Said(fired), values=((fired, "23", 23.0, "missiles"),))
    b = report("b", "Seoul Daily", Said(icbms), values=((icbms, "three", 3.0, "missiles"),))
    assert not [d for d in analyse([a, b]).discrepancies if d.kind == "number"]


def test_one_count_given_two_ways_is_still_compared():
    fired = "In total, the country fired 23 missiles during 16 tests between February and December 2017, according to a count."
    other = "The country fired 25 missiles during its tests between February and December 2017, according to another count."
    a = report("a", "Harbor Times", Said(fired), values=((fired, "23", 23.0, "missiles"),))
    b = report("b", "Seoul Daily", Said(other), values=((other, "25", 25.0, "missiles"),))
    [number] = [d for d in analyse([a, b]).discrepancies if d.kind == "number"]
    assert number.verdict == "conflict" and {v.surface for v in number.values} == {"23", "25"}
    assert re.search("missiles", number.about)


def test_words_a_speaker_quotes_from_another_are_no_attribution_conflict():
    # Comey's memo quotes Trump; one outlet gives Trump's words, another Comey's memo that holds them
    words = "The guy has serious judgment issues."
    memo = "In telling the story, the President pointed his fingers at his head and said ‘the guy has serious judgment issues,’"
    a = report("a", "Harbor Times", Said(f"Mr. Trump told Mr. Comey that he had reservations about Mr. Flynn: “{words}”",
                                         words, "Donald Trump", "Mr. Trump"), SUMMIT)
    b = report("b", "Seoul Daily", Said(f"“{memo}” Comey wrote.", memo, "James Comey", "Comey"), TESTS)
    briefing = analyse([a, b])
    assert not [d for d in briefing.discrepancies if d.kind == "attribution"]


def test_the_same_words_credited_to_two_people_are_still_a_conflict():
    words = "The guy has serious judgment issues and cannot stay in the job."
    a = report("a", "Harbor Times", Said(f"“{words}” Mr. Trump told reporters.", words, "Donald Trump", "Mr. Trump"), SUMMIT)
    b = report("b", "Seoul Daily", Said(f"“{words}” Mr. Comey told reporters.", words, "James Comey", "Mr. Comey"), TESTS)
    [who] = [d for d in analyse([a, b]).discrepancies if d.kind == "attribution"]
    assert {v.normalized for v in who.values} == {"Donald Trump", "James Comey"}


def test_an_outlet_passing_on_a_leaders_words_is_no_attribution_conflict():
    kim = Said('North Korean dictator Kim Jong Un said the country "will join international efforts" to halt "the nuclear '
               'test altogether."', "will join international efforts", "Kim Jong Un", "Kim Jong Un")
    sputnik = Said('Sputnik, a Russian state site, added the detail North Korea will "join international efforts to halt '
                   'nuclear tests altogether," according to Kim.', "join international efforts to halt nuclear tests altogether",
                   "Sputnik", "Sputnik")
    briefing = analyse([report("a", "Harbor Times", kim, SUMMIT), report("b", "Seoul Daily", sputnik, TESTS)])
    copied = [s for s in briefing.statements if {m.text for m in s.mentions} >= {"will join international efforts",
                                                                                   "join international efforts to halt nuclear tests altogether"}]
    assert len(copied) == 1  # one remark, copied
    assert not [d for d in briefing.discrepancies if d.kind == "attribution"]


def test_a_few_words_sharing_a_topic_with_a_quote_are_not_a_copy_of_it():
    halt = Said('The country will join international efforts to halt "the nuclear test altogether," Kim said.',
                "the nuclear test altogether", "Kim Jong Un", "Kim", kind="partial")
    done = Said('"The nuclear test site has done its job," Mr. Kim said in a statement carried by state media.',
                "The nuclear test site has done its job", "Kim Jong Un", "Mr. Kim")
    briefing = analyse([report("a", "Harbor Times", halt, SUMMIT), report("b", "Seoul Daily", done, TESTS)])
    held = [s for s in briefing.statements if any("nuclear test" in m.text for m in s.mentions)]
    assert held and all(len({m.article for m in s.mentions}) == 1 for s in held)


def test_a_sentence_giving_a_speakers_words_joins_only_a_remark_with_the_same_content():
    # both about the summit with Kim; one says the Koreas might announce a deal, the other that it might be called off
    deal = Said("Mr. Trump said that the North and the South might announce some kind of deal before he met Mr. Kim.",
                "that the North and the South might announce some kind of deal before he met Mr. Kim", "Donald Trump",
                "Mr. Trump", kind="indirect")
    off = Said("With Abe at his side, Trump repeated that he plans to meet with Kim — perhaps in early June — but raised "
               "the possibility the summit might be called off.", "the summit might be called off", "Donald Trump", "Trump",
               kind="indirect")
    briefing = analyse([report("a", "Harbor Times", deal, SUMMIT), report("b", "Seoul Daily", off, TESTS)])
    held = [s for s in briefing.statements if any("some kind of deal" in m.text for m in s.mentions)]
    assert held and all({m.article for m in s.mentions} == {"a"} for s in held)


def test_narration_of_critics_does_not_join_a_sentence_giving_the_presidents_words():
    critics = Said("Comey's critics have accused him of leaking classified information when he shared that memo.")
    trump = Said("President Donald Trump commented on the public release of the memos by former FBI director James Comey, "
                 "asserting that they proved that he leaked classified information.",
                 "they proved that he leaked classified information", "Donald Trump", "President Donald Trump", kind="indirect")
    briefing = analyse([report("a", "Harbor Times", critics, SUMMIT), report("b", "Seoul Daily", trump, TESTS)])
    held = [s for s in briefing.statements if any("critics" in m.text for m in s.mentions)]
    assert held and all({m.article for m in s.mentions} == {"a"} for s in held)


PARSCALE = Said('"This is a sham lawsuit about a bogus Russian collusion claim filed by a desperate, dysfunctional, and '
                'nearly insolvent Democratic Party," the campaign\'s manager, Brad Parscale, said in a statement.',
                "This is a sham lawsuit about a bogus Russian collusion claim filed by a desperate, dysfunctional, and "
                "nearly insolvent Democratic Party", "Brad Parscale", "Brad Parscale")


def test_an_ally_dismissing_the_same_target_does_not_dispute_the_claim():
    # Stone dismisses the lawsuit as Parscale does: a denial of the lawsuit is no denial of Parscale's words
    stone = Said('Roger J. Stone Jr., a former campaign adviser to Mr. Trump who is named as a defendant in the suit, dismissed '
                 'it in an email as "a left-wing conspiracy theory dressed up as a lawsuit."',
                 "a left-wing conspiracy theory dressed up as a lawsuit.", "Roger Stone", "Roger J. Stone Jr.",
                 kind="partial", stance="denies")
    perez = Said("Mr. Perez said that the party had not worked on the lawsuit with Democratic leaders on the intelligence "
                 "committees in the House and Senate.", "that the party had not worked on the lawsuit with Democratic leaders "
                 "on the intelligence committees in the House and Senate", "Tom Perez", "Mr. Perez", kind="indirect")
    briefing = analyse([report("a", "Harbor Times", PARSCALE, SUMMIT), report("b", "Seoul Daily", PARSCALE, TESTS, stone, perez)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Brad Parscale"]
    assert claim.disputed_by == []


def test_an_outlet_starting_a_quote_later_changes_no_word_of_it():
    full = "It is together that we will be able to act effectively for our planet"
    cut = "together we will be able to act effectively for our planet"
    a = report("a", "Harbor Times", Said(f'"{full}," Macron said in remarks at an opening ceremony.', full, "Emmanuel Macron",
                                         "Macron"), SUMMIT)
    b = report("b", "Seoul Daily", Said(f'Macron said, adding that "{cut}."', cut, "Emmanuel Macron", "Macron"), TESTS)
    assert not [d for d in analyse([a, b]).discrepancies if d.kind == "quote-wording"]


def test_words_credited_to_one_of_two_namesakes_by_surname_alone_name_only_the_surname():
    # two reports give the words with "Trump said"; the story has Donald and Melania Trump
    words = "Your visit comes at a critical time for our alliance and for the world"
    melania = Said("Melania Trump wore a white hat at the arrival ceremony on the South Lawn of the White House.")
    a = report("a", "Harbor Times", Said(f'"{words}," Trump said Tuesday on the White House lawn.', words, "Melania Trump",
                                         "Trump"), SUMMIT, melania)
    b = report("b", "Seoul Daily", Said(f'"{words.replace("our a", "a")}," Trump told the guests.', words.replace("our a", "a"),
                                        "Melania Trump", "Trump"), TESTS,
               Said("Donald Trump and Emmanuel Macron planted a tree.", "planted a tree", "Donald Trump", "Donald Trump",
                    kind="indirect"))
    briefing = analyse([a, b])
    assert not [c for c in briefing.claims if c.claimed_by == "Melania Trump"]
    about = [d.about for d in briefing.discrepancies if d.kind == "quote-wording"]
    assert about and all("Melania" not in x for x in about)


def test_evidence_is_not_independent_when_the_claimants_side_is_unknown():
    # a Border Patrol chief's claim and the U.S. border agency's video: one side, though no name says so
    scott = Said("In a statement Saturday, Chief Patrol Agent Rodney Scott said there had been several attempted illegal "
                 "entries by people associated with the caravan.", "there had been several attempted illegal entries by "
                 "people associated with the caravan", "Rodney Scott", "Rodney Scott", kind="indirect")
    video = Said("On Sunday the United States Border Patrol released video showing several groups of people associated "
                 "with the caravan attempting illegal entries at the fence.")
    b = report("b", "Seoul Daily", scott, TESTS, video)
    at = b.text.rindex("United States")
    b.entities.append(Entity("United States", "place", mentions=[Mention(at, at + 13, "United States")]))
    briefing = analyse([report("a", "Harbor Times", scott, SUMMIT), b])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Rodney Scott"]
    assert claim.evidence and claim.status == "unconfirmed"


def test_a_description_is_no_claimant():
    said = Said("Since at least early this year, Mueller has discussed the possibility of interviewing Trump for the "
                "investigation, according to the president's attorneys.", "Since at least early this year, Mueller has "
                "discussed the possibility of interviewing Trump for the investigation", "president's attorneys",
                "the president's attorneys", kind="indirect")
    briefing = analyse([report("a", "Harbor Times", said, SUMMIT), report("b", "Seoul Daily", said, TESTS)])
    assert briefing.claims == []


def test_two_remarks_of_one_speaker_sharing_only_names_and_a_topic_word_stay_apart():
    debate = Said("The starkly divergent reactions to Mr. Netanyahu's presentation suggested how the debate over the Iran "
                  "deal was likely to play out.", "how the debate over the Iran deal was likely to play out",
                  "Benjamin Netanyahu", "Mr. Netanyahu", kind="indirect")
    path = Said("Mr. Netanyahu said the deal provides Iran with a clear path to building a nuclear arsenal in the future.",
                "the deal provides Iran with a clear path to building a nuclear arsenal in the future", "Benjamin Netanyahu",
                "Mr. Netanyahu", kind="indirect")
    briefing = analyse([report("a", "Harbor Times", debate, SUMMIT), report("b", "Seoul Daily", path, TESTS)])
    held = [s for s in briefing.statements if any("Iran" in m.text for m in s.mentions)]
    assert held and all(len({m.article for m in s.mentions}) == 1 for s in held)


def test_one_line_repeated_in_two_remarks_is_no_changed_word():
    # Trump says "It should have never been made" in two remarks, once with "ever"
    oval = "The Iran deal is a terrible deal. We paid $150 billion. It's insane. It should have never been made"
    press = "Because this is a deal with decayed foundations. It's a bad structure. It's falling down. It should have never, ever been made."
    a = report("a", "Harbor Times", Said(f'"{oval}," Trump said in the Oval Office.', oval, "Donald Trump", "Trump"), SUMMIT)
    b = report("b", "Seoul Daily", Said(f'"{press}" Trump said at the news conference.', press, "Donald Trump", "Trump"), TESTS)
    assert not [d for d in analyse([a, b]).discrepancies if d.kind == "quote-wording" and d.verdict == "conflict"]


def test_a_claims_text_is_the_sentence_its_claimants_words_fill_most():
    others = Said("NATO's chief said there was no evidence and the UK's PM said the latest intelligence was “still not "
                  "encouraging”, after Russia claimed its troops were pulling back from Ukraine's border.",
                  "its troops were pulling back from Ukraine's border", "Russia", "Russia", kind="indirect")
    own = Said("Russia earlier on Tuesday said it was pulling back some of its troops near the Ukrainian border to their bases.",
               "it was pulling back some of its troops near the Ukrainian border to their bases", "Russia", "Russia",
               kind="indirect")
    briefing = analyse([report("a", "Harbor Times", others, SUMMIT), report("b", "Seoul Daily", own, TESTS)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Russia"]
    assert claim.text.startswith("Russia earlier on Tuesday said")


def test_a_claims_text_states_rather_than_hopes():
    words = ("In a few days time, President Trump will make his decision. I am sure he will do the right thing, the right "
             "thing for the United States, the right thing for Israel and the right thing for peace in the world.")
    said = Said(f'"{words}" Netanyahu said.', words, "Benjamin Netanyahu", "Netanyahu")
    briefing = analyse([report("a", "Harbor Times", said, SUMMIT), report("b", "Seoul Daily", said, TESTS)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Benjamin Netanyahu"]
    assert "will make his decision" in claim.text and "I am sure" not in claim.text


def test_saying_no_longer_needed_agrees_with_a_claim_of_stopping():
    # Trump: North Korea agreed to suspend its tests; Kim: his country no longer needed to test.
    # Not needing what the claim says is stopped is the claim told again, not a denial of it
    trump = Said('"North Korea has agreed to suspend all Nuclear Tests and close up a major test site," Trump wrote.',
                 "North Korea has agreed to suspend all Nuclear Tests and close up a major test site", "Donald Trump",
                 "Trump")
    kim = Said("Mr. Kim said that his country no longer needed to test nuclear weapons or long-range missiles and "
               "would close a nuclear test site.",
               "that his country no longer needed to test nuclear weapons or long-range missiles and would close a "
               "nuclear test site", "Kim Jong Un", "Mr. Kim", kind="indirect")
    briefing = analyse([report("a", "Seoul Daily", trump, SUMMIT), report("b", "Harbor Times", trump, TESTS, kim)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Donald Trump"]
    assert claim.disputed_by == [] and claim.status == "unconfirmed"


def test_saying_the_stopping_did_not_happen_disputes_a_claim_of_stopping():
    trump = Said('"North Korea has agreed to suspend all Nuclear Tests and close up a major test site," Trump wrote.',
                 "North Korea has agreed to suspend all Nuclear Tests and close up a major test site", "Donald Trump",
                 "Trump")
    doubt = Said("Mr. Abe said North Korea had not suspended its nuclear tests and would keep the test site open.",
                 "North Korea had not suspended its nuclear tests and would keep the test site open", "Shinzo Abe",
                 "Mr. Abe", kind="indirect")
    briefing = analyse([report("a", "Seoul Daily", trump, SUMMIT), report("b", "Harbor Times", trump, TESTS, doubt)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "Donald Trump"]
    assert [d.name for d in claim.disputed_by] == ["Shinzo Abe"]


# One statement is one remark of one speaker, or one fact in the outlets' own voice: the joins
# below were wrong in briefings of NewsWCL50 stories.

def statements_with(briefing, words: str) -> list:
    return [s for s in briefing.statements if any(words in m.text for m in s.mentions)]


def carried_apart(briefing, words: str) -> bool:
    """The units holding these words are in statements of one report each."""
    held = statements_with(briefing, words)
    return bool(held) and all(len({m.article for m in s.mentions}) == 1 for s in held)


def test_an_assertion_and_its_negation_are_two_statements():
    meets = Said("Reports suggest Trump will meet the Queen during the visit.", "Trump will meet the Queen during the visit",
                 None, kind="indirect")
    unlikely = Said("Because Trump's visit will not be a state one, it means he is unlikely to meet Queen Elizabeth II, "
                    "visit Buckingham Palace or take part in other official ceremonies.")
    briefing = analyse([report("a", "London Post", meets, SUMMIT), report("b", "Harbor Times", unlikely, TESTS)])
    assert carried_apart(briefing, "unlikely to meet")


def test_outlets_sentences_on_one_topic_tell_two_facts():
    # each pair near enough in meaning, and in words, joined all three through the third
    both = (("Emmanuel Macron", "Emmanuel Macron"), ("Donald Trump", "Trump"))
    persuade = Said("French President Emmanuel Macron tried to persuade U.S. President Donald Trump to remain in the Iran "
                    "nuclear agreement during his White House visit this week.", names=both)
    criticism = Said("Receiving French President Emmanuel Macron for a state visit at the White House, Trump repeated his "
                     "criticism of the agreement to freeze Iran's nuclear program, saying it doesn't address Tehran's "
                     "missile program or its attempts to foment unrest in the region.", names=both)
    restrain = Said('President Donald Trump did not restrain giving his opinion about the "terrible" Iran nuclear deal on '
                    "Tuesday during a meeting with French President Emmanuel Macron, warning Iran against restarting its "
                    "nuclear program.", names=both)
    briefing = analyse([report("a", "London Post", persuade, SUMMIT), report("b", "Harbor Times", criticism, TESTS),
                        report("c", "Seoul Daily", restrain, SUMMIT)])
    assert carried_apart(briefing, "tried to persuade") and carried_apart(briefing, "repeated his criticism")


def test_outlets_sentences_telling_one_fact_are_one_statement():
    organized = Said("The privacy invasion case was organized by Protect Democracy, a government watchdog group run by "
                     "former Obama administration lawyers.")
    brought = Said("That case was brought by Protect Democracy, a watchdog group run by a former Obama administration lawyer.")
    briefing = analyse([report("a", "London Post", organized, SUMMIT), report("b", "Harbor Times", brought, TESTS)])
    [statement] = statements_with(briefing, "Protect Democracy")
    assert {m.article for m in statement.mentions} == {"a", "b"} and statement.speaker is None


def test_narration_joins_no_remark_it_does_not_give():
    # the outlet's view of the presentation is not Trump's remark about it, though it names him
    audience = Said("Despite the skeptical reaction to Netanyahu's presentation in European capitals and at the "
                    "International Atomic Energy Agency, it also underlined that in the end, the Israeli leader may have "
                    "had an audience of one: President Trump.", names=(("Trump", "Trump"),))
    watched = Said("In response to a question by Jordan Fabian of The Hill, President Trump said that he had watched some of "
                   "Netanyahu's presentation, and implied that he found it convincing, but would not yet announce his plans.",
                   "that he had watched some of Netanyahu's presentation", "Trump", kind="indirect")
    briefing = analyse([report("a", "London Post", audience, SUMMIT), report("b", "Harbor Times", watched, TESTS)])
    assert carried_apart(briefing, "audience of one")


def test_a_phrase_in_the_news_credited_to_no_one_is_no_copy_of_a_remark():
    phrase = Said('The summit would focus on ending the Korean War and the "denuclearization of the Korean peninsula," a '
                  "phrase that some have speculated North Korea reads differently.",
                  "denuclearization of the Korean peninsula", None)
    briefing = analyse([report("a", "Seoul Daily", YOON, SUMMIT), report("b", "Harbor Times", phrase, TESTS)])
    assert carried_apart(briefing, "denuclearization of the Korean")



def test_a_plea_and_a_charge_are_two_facts_though_the_sentences_read_alike():
    pleaded = Said("Additional questions center on Michael Flynn, Trump's former national security adviser, who has pleaded "
                   "guilty to lying to the FBI about his discussions on sanctions against Russia with Russian Ambassador "
                   "Sergey Kislyak during the presidential transition.",
                   names=(("Michael Flynn", "Michael Flynn"), ("Sergey I. Kislyak", "Sergey Kislyak")))
    charged = Said("Michael Flynn, the administration's short-lived national security adviser, was charged in December with "
                   "lying to the FBI about certain conversations he had with a Russian ambassador.",
                   names=(("Michael Flynn", "Michael Flynn"),))
    briefing = analyse([report("a", "London Post", pleaded, SUMMIT), report("b", "Harbor Times", charged, TESTS)])
    assert carried_apart(briefing, "was charged in December")


def test_two_cuts_of_a_third_outlets_longer_quote_are_no_wording_variants():
    whole = Said('Trump said "we have had direct talks at very high levels, extremely high levels, with North Korea."',
                 "we have had direct talks at very high levels, extremely high levels, with North Korea.", "Donald Trump", "Trump",
                 kind="partial")
    extremely = Said('Trump said the United States was in direct talks with North Korea at "extremely high levels."',
                     "extremely high levels", "Donald Trump", "Trump", kind="partial")
    very = Said('Trump said "direct talks at very high levels" had already taken place with North Korea.',
                "direct talks at very high levels", "Donald Trump", "Trump", kind="partial")
    briefing = analyse([report("a", "London Post", whole, SUMMIT), report("b", "Harbor Times", extremely, TESTS),
                        report("c", "Seoul Daily", very, SUMMIT)])
    [statement] = statements_with(briefing, "very high levels")
    assert {m.article for m in statement.mentions} >= {"a", "c"}
    assert not [d for d in briefing.discrepancies if d.kind == "quote-wording"]


def test_a_phrase_in_the_news_joins_no_remark_through_an_unattributed_copy():
    phrase = Said('The summit would focus on ending the Korean War and the "denuclearization of the Korean peninsula," a '
                  "phrase that some have speculated North Korea reads differently.",
                  "denuclearization of the Korean peninsula", None)
    copy = Said('"We view the North\'s decision as a significant step toward the denuclearization of the Korean Peninsula '
                'the world has wished for," the statement read.',
                "We view the North's decision as a significant step toward the denuclearization of the Korean Peninsula "
                "the world has wished for", None)
    briefing = analyse([report("a", "Seoul Daily", YOON, SUMMIT), report("b", "Harbor Times", phrase, TESTS),
                        report("c", "London Post", copy, SUMMIT)])
    [remark] = statements_with(briefing, "significant step")
    assert {m.article for m in remark.mentions} == {"a", "c"}


def test_a_word_an_outlet_adds_in_brackets_is_no_change_of_the_quote():
    # ECB+ topic 9: "the final (rule) language" (the editor's word) was reported as another wording of Wetzler's quote
    plain = "We will look at the final language when it is published tomorrow, but we will see them in court"
    marked = "We will look at the final (rule) language when it is published tomorrow, but we will see them in court"
    changed = "We will look at the final draft language when it is published tomorrow, but we will see them in court"
    a = report("a", "Harbor Times", Said(f'"{plain}," Wetzler said in a statement.', plain, "Andrew Wetzler", "Wetzler"), SUMMIT)
    b = report("b", "Seoul Daily", Said(f'"{marked}," Wetzler said in a statement.', marked, "Andrew Wetzler", "Wetzler"), TESTS)
    c = report("c", "Valley Courier", Said(f'"{changed}," Wetzler said in a statement.', changed, "Andrew Wetzler", "Wetzler"), TESTS)
    assert not [d for d in analyse([a, b]).discrepancies if d.kind == "quote-wording"]
    assert [d for d in analyse([a, c]).discrepancies if d.kind == "quote-wording"]  # a word changed still shows


PEREZ_TREACHERY = ("This constituted an act of unprecedented treachery: the campaign of a nominee for President of the "
                   "United States in league with a hostile foreign power to bolster its own chance to win the presidency")
SUIT_TREACHERY = ("The conspiracy constituted an act of previously unimaginable treachery: the campaign of the presidential "
                  "nominee of a major party in league with a hostile foreign power to bolster its own chance to win the "
                  "Presidency")


def test_a_lawsuits_words_and_its_plaintiffs_reworded_statement_are_two_texts():
    # NewsWCL50 event 3: one report quotes the suit and, lines below, the DNC chairman's "unprecedented treachery"
    suit = Said(f'"{SUIT_TREACHERY}," the suit states.', SUIT_TREACHERY, None)
    chairman = Said('DNC Chairman Tom Perez called the alleged collusion "an act of unprecedented treachery."',
                    "an act of unprecedented treachery.", "Tom Perez", "Tom Perez", kind="partial")
    statement = Said(f'"{PEREZ_TREACHERY}," DNC Chairman Tom Perez said in a statement.', PEREZ_TREACHERY, "Tom Perez",
                     "Tom Perez")
    briefing = analyse([report("a", "Harbor Times", suit, chairman, SUMMIT), report("b", "London Post", statement, TESTS)])
    [held] = statements_with(briefing, "previously unimaginable")
    assert {m.article for m in held.mentions} == {"a"}
    [perez] = statements_with(briefing, "a nominee for President")
    assert {m.article for m in perez.mentions} == {"a", "b"} and perez.speaker == "Tom Perez"


def test_a_near_copy_credited_to_two_officials_is_still_one_remark():
    # NewsWCL50 event 6: the agency's statement, a word changed, credited to its commissioner and to a spokesman
    upon = ("Depending upon port circumstances at the time of arrival, those individuals may need to wait in Mexico as CBP "
            "officers work to process those already within our facilities")
    on = ("Depending on port circumstances at the time of arrival, individuals may need to wait in Mexico as CBP officers "
          "work to process those already within our facilities")
    a = report("a", "Harbor Times", Said(f'"{upon}," Kevin McAleenan said.', upon, "Kevin McAleenan", "Kevin McAleenan"), SUMMIT)
    b = report("b", "London Post", Said(f'"{on}," Pete Flores said.', on, "Pete Flores", "Pete Flores"), TESTS)
    [held] = statements_with(analyse([a, b]), "port circumstances")
    assert {m.article for m in held.mentions} == {"a", "b"}


def test_a_named_persons_act_and_an_unnamed_groups_are_two_facts():
    # NewsWCL50 event 6: one outlet tells what the marchers did, another what one woman among them did
    they = Said("As they walked, they chanted and waved Honduran flags.")
    she = Said("Marely Ramirez of Coronado walked with the group, waving a huge Honduran flag.",
               names=(("Marely Ramirez", "Marely Ramirez"),))
    briefing = analyse([report("a", "Harbor Times", they, SUMMIT), report("b", "London Post", she, TESTS)])
    assert carried_apart(briefing, "Honduran flag")


def test_a_phrase_of_the_news_inside_a_speakers_longer_remark_is_no_copy_of_it():
    # ECB+ topic 36: an outlet's "celestial marriage" instructions, and the sect leader defining the term
    remark = ("We believe in a marriage system of eternity called celestial marriage, wherein celestial means heavenly "
              "authorized, not to be intervened by government intervention")
    said = Said(f'"{remark}," Warren Jeffs said.', remark, "Warren Jeffs", "Warren Jeffs")
    tapes = Said('Audiotapes played for jurors during his trial depicted Jeffs offering "celestial marriage" instructions '
                 "to the young wives, according to prosecutors.", "celestial marriage", None, kind="partial")
    briefing = analyse([report("a", "Harbor Times", said, SUMMIT), report("b", "London Post", tapes, TESTS)])
    assert carried_apart(briefing, "celestial marriage")


def test_a_former_commander_does_not_speak_for_the_police():
    # ECB+ topic 19: the police's account of the shooting, and a former police commander on shootings in general
    claim = Said("Police say he pointed a gun at officers on Saturday.", "he pointed a gun at officers on Saturday", "police",
                 "Police", kind="indirect")
    general = Said("Once that person has a gun, he said, the threat to the officers is imminent. That is the view of "
                   "John C. Cerar.", "Once that person has a gun, he said, the threat to the officers is imminent.",
                   "John C. Cerar", "John C. Cerar", kind="indirect")
    sergeant = Said("Gray was killed by police who claim he pointed a gun at Sgt. Mourad Mourad before they opened fire.",
                    "he pointed a gun at Sgt", "police", "police", kind="indirect")
    b = report("b", "London Post", general, TESTS)
    next(e for e in b.entities if e.name == "John C. Cerar").roles.append(
        "the former commander for firearms training at the Police Department")
    a, c = report("a", "Harbor Times", claim, SUMMIT), report("c", "Seoul Daily", sergeant, SUMMIT)
    for e in a.entities + c.entities:
        e.kind = "org"  # the police
    briefing = analyse([a, b, c])
    assert carried_apart(briefing, "has a gun")
    assert not carried_apart(briefing, "he pointed a gun")  # the police's account, told twice, is one


def test_a_verdict_and_an_arraignment_on_the_same_charges_are_two_facts():
    # ECB+ topic 36: one outlet's verdict, another's arraignment, both on the sexual assault charges
    verdict = Said("A San Antonio jury has found polygamist leader Warren Jeffs guilty on both sexual assault charges on "
                   "Thursday.", "polygamist leader Warren Jeffs guilty on both sexual assault charges", None, kind="indirect")
    arraigned = Said("Polygamist sect leader Warren Jeffs was quietly extradited from Utah to Texas, where he was arraigned "
                     "Wednesday to face trial on bigamy and sexual assault charges.", names=(("Warren Jeffs", "Warren Jeffs"),))
    briefing = analyse([report("a", "Harbor Times", verdict, SUMMIT), report("b", "London Post", arraigned, TESTS)])
    assert carried_apart(briefing, "sexual assault charges")


def test_charged_and_indicted_tell_one_step_of_a_case():
    indicted = Said("Defendants in the lawsuit include three people who have been indicted as a result of Special Counsel "
                    "Robert Mueller's investigation of Russian meddling: former campaign chairman Paul Manafort, Manafort "
                    "associate Rick Gates and former campaign aide George Papadopoulos.")
    charged = Said("Other individual defendants include Trump's former campaign manager Paul Manafort, Jr., former campaign "
                   "adviser George Papadopoulos, and Manafort's business partner, Richard Gates, who have all been charged in "
                   "Mueller's investigation.")
    briefing = analyse([report("a", "Harbor Times", indicted, SUMMIT), report("b", "London Post", charged, TESTS)])
    [held] = statements_with(briefing, "Papadopoulos")
    assert {m.article for m in held.mentions} == {"a", "b"}


def test_an_outlets_quote_of_a_questions_closing_words_is_that_question():
    # NewsWCL50 event 8: one outlet gives the special counsel's question, another its last words after "asks if"
    question = "What efforts were made to reach out to Mr. Flynn about seeking immunity or possible pardon?"
    asked = Said(f'"{question}" Mr. Mueller planned to ask.', question, "Robert Mueller", "Mueller")
    tail = Said('Another asks if there were any efforts to reach out to Flynn "about seeking immunity or possible pardon."',
                "about seeking immunity or possible pardon.", None, kind="partial", stance="questions")
    [held] = statements_with(analyse([report("a", "Harbor Times", asked, SUMMIT), report("b", "London Post", tail, TESTS)]),
                             "possible pardon")
    assert {m.article for m in held.mentions} == {"a", "b"}
    assert held.speaker == "Robert Mueller"


def test_a_remark_comes_before_the_outlets_sentence_that_holds_it():
    # NewsWCL50 event 1: the first statement holding Trump's words is his remark, not the sentence around it
    told = Said('In one exchange, Trump told Comey that he had reservations about Flynn, his national security adviser: '
                '"The guy has serious judgment issues."', "The guy has serious judgment issues.", "Donald Trump", "Trump")
    briefing = analyse([report("a", "Harbor Times", told, SUMMIT), report("b", "London Post", TESTS)])
    first = next(s for s in briefing.statements if any("judgment issues" in m.text for m in s.mentions))
    assert first.speaker == "Donald Trump"
    assert any(s.speaker is None and "reservations" in s.text for s in briefing.statements)
