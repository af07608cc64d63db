"""Who said it, and did they assert or deny it: real sentences from the seed reports and from
NewsWCL50 (event 3, the DNC lawsuit), where a briefing misled before."""
from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.annotate import annotate, name_people_across
from corroborate.clean import clean
from corroborate.model import Article, Quote

pytestmark = pytest.mark.slow
EVENT_3 = Path(__file__).resolve().parents[3] / "shared" / "eval" / "newswcl50" / "event_3"


@pytest.fixture(scope="module")
def event_3() -> dict[str, Article]:
    paths = sorted(EVENT_3.glob("*.txt"))
    articles = [Article(id=p.name, source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    clean(articles)
    annotate(articles)
    name_people_across(articles)  # one story: its people named alike, as when it is briefed
    return {a.id: a for a in articles}


def seed(seed_articles: dict, prefix: str) -> Article:
    return next(a for key, a in seed_articles.items() if key.startswith(prefix))


def quote_on(article: Article, line: int, words: str) -> Quote:
    found = [q for q in article.quotes if q.line == line and words in q.text and q.kind != "scare"]
    assert found, (line, words, [(q.kind, q.text) for q in article.quotes if q.line == line])
    return found[0]


def test_a_denial_is_never_an_assertion(event_3, seed_articles):
    # "Trump has repeatedly denied his campaign colluded with Russia and Moscow has denied meddling in the election."
    colluded = quote_on(event_3["3_LL.txt"], 27, "his campaign colluded with Russia")
    assert (colluded.speaker, colluded.stance, colluded.cue) == ("Donald Trump", "denies", "denied")
    assert "Moscow" not in colluded.text
    meddling = quote_on(event_3["3_LL.txt"], 27, "meddling in the election")
    assert (meddling.speaker, meddling.stance) == ("Moscow", "denies")
    # "... Moscow has consistently denied that it is planning a war."
    war = quote_on(seed(seed_articles, "003"), 5, "it is planning a war")
    assert (war.speaker, war.stance) == ("Moscow", "denies")
    # "Mr. Perez firmly denied that the lawsuit had a political purpose, but ..."
    purpose = quote_on(event_3["3_L.txt"], 23, "the lawsuit had a political purpose")
    assert (purpose.speaker, purpose.stance) == ("Tom Perez", "denies")


def test_a_negative_content_is_asserted_with_its_negation(event_3):
    # "Trump has said his campaign did not collude with the Russian government ..."
    collude = quote_on(event_3["3_M.txt"], 27, "did not collude")
    assert (collude.speaker, collude.stance) == ("Donald Trump", "asserts")
    assert "not collude" in collude.text


def test_speakers_are_only_whoever_the_cue_names(event_3, seed_articles):
    # "While Scholz reiterated that NATO's eastward expansion "is not on the agenda — ...," Putin retorted that ..."
    agenda = quote_on(seed(seed_articles, "001"), 63, "is not on the agenda")
    assert agenda.speaker == "Olaf Scholz"
    assert quote_on(seed(seed_articles, "001"), 63, "will not be assuaged").speaker == "Vladimir Putin"
    # "The ministry released a video that it said showed Russian tanks climbing on to rail cars ..."
    video = quote_on(seed(seed_articles, "004"), 30, "Russian tanks climbing on to rail cars")
    assert video.speaker == "ministry" and video.text.startswith("showed")
    # Perez speaks on after naming Mueller and Trump in what he said: "he said" is Perez
    assert quote_on(event_3["3_L.txt"], 19, "face statutory expiration dates").speaker == "Tom Perez"
    assert quote_on(event_3["3_L.txt"], 17, "he had instructed the committee").speaker == "Tom Perez"
    # "That includes funding the DNC reportedly contributed to research the "dossier" alleging ties
    # between Trump and Russia, he said." (Parscale, not the Trump the sentence names)
    assert quote_on(event_3["3_M.txt"], 17, "That includes funding").speaker == "Brad Parscale"


def test_an_organisation_named_after_a_person_is_not_the_person(event_3, seed_articles):
    # "The Trump campaign is seeking to dismiss that case, arguing in court filings that ..."
    arguing = quote_on(event_3["3_M.txt"], 55, "politically motivated lawsuit")
    assert arguing.speaker != "Donald Trump" and "campaign" in arguing.speaker_mention.text
    # "The Biden administration has previously warned that an invasion could be imminent."
    assert quote_on(seed(seed_articles, "003"), 7, "an invasion could be imminent").speaker == "Biden administration"


def test_a_role_is_the_person_the_report_names_in_it(seed_articles):
    # "... the UK's PM said the latest intelligence was "still not encouraging"": the report names
    # "British Prime Minister Boris Johnson" further down
    encouraging = quote_on(seed(seed_articles, "002"), 14, "the latest intelligence was")
    assert encouraging.speaker == "Boris Johnson"


def test_name_variants_are_one_person_and_namesakes_two(event_3):
    # "Roger J. Stone Jr." in one report, "Roger Stone" in another
    stone = {q.speaker for a in event_3.values() for q in a.quotes if q.speaker and "Stone" in q.speaker}
    assert len(stone) == 1, stone
    # "Trump's son, Donald Trump Jr." is not the president
    names = {e.name for e in event_3["3_M.txt"].entities if e.kind == "person"}
    assert "Donald Trump" in names and any(n.startswith("Donald Trump Jr") for n in names)


STANCES = """Ferry talks: who said what

Port director Tom Hale met the union on Monday.

The port authority refused to confirm that the ferries had left Larne.

Hale did not say whether the port would reopen before Easter.

Union leader Maeve Doran rejected claims that the union had been paid by the rival operator.

Transport minister Ruth Gale questioned whether the strike was legal under the new law.

Hale said he had not served on the harbour board.

Hale never said the port would close for good.

Doran said officials told her the deal was off.

Doran has denied that the union broke the law, and Hale did not deny that the talks failed."""


@pytest.mark.parametrize("words, speaker, stance, cue", [
    ("the ferries had left Larne", "port authority", "questions", "refused to confirm"),
    ("whether the port would reopen", "Tom Hale", "questions", "did not say"),
    ("the union had been paid", "Maeve Doran", "denies", "rejected"),
    ("whether the strike was legal", "Ruth Gale", "questions", "questioned"),
    ("he had not served on the harbour board", "Tom Hale", "asserts", "said"),  # the content's own "not"
    ("the port would close for good", "Tom Hale", "denies", "never said"),
    ("officials told her the deal was off", "Maeve Doran", "reports", "said"),
    ("the union broke the law", "Maeve Doran", "denies", "denied"),
    ("the talks failed", "Tom Hale", "questions", "did not deny"),
])
def test_negation_and_doubt_over_the_cue_set_the_stance(stances, words, speaker, stance, cue):
    quote = next(q for q in stances.quotes if words in q.text and q.kind == "indirect")
    assert (quote.speaker, quote.stance, quote.cue) == (speaker, stance, cue)


@pytest.fixture(scope="module")
def stances() -> Article:
    article = Article(id="stances.txt", source="stances.txt", text=STANCES)
    clean([article])
    annotate([article])
    return article
