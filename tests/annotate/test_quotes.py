"""Quotes and speakers: the seed reports against their gold, and the hard cases written out."""
from __future__ import annotations

import pytest

from corroborate.annotate import annotate
from corroborate.clean import clean
from corroborate.model import Article

pytestmark = pytest.mark.slow


def annotated(*texts: str) -> list[Article]:
    articles = [Article(id=f"r{i}.txt", source=f"r{i}.txt", text=t) for i, t in enumerate(texts)]
    clean(articles)
    annotate(articles)
    return articles


def quotes_of(article: Article, kind: str | None = None):
    return [(q.speaker, q.text) for q in article.quotes if kind is None or q.kind == kind]


def by_text(article: Article) -> dict:
    """Each quote by its words, without the comma or full stop the quote marks took in."""
    return {q.text.rstrip(",."): q for q in article.quotes}


def test_seed_quotes_found_with_their_speakers(seed_scores):
    assert seed_scores["quote_recall"] >= 0.9
    assert seed_scores["quote_speaker_acc"] >= 0.9


def test_gold_statement_speakers_have_one_name_across_reports(seed_articles, gold):
    for statement in gold["statements"]:
        names = set()
        for where in statement["where"]:
            article = seed_articles[where["doc"]]
            for q in article.quotes:
                if q.line == where["line"] and q.speaker and statement["speaker"].split()[-1][:5] in q.speaker:
                    names.add(q.speaker)
        assert len(names) == 1, (statement["id"], names)
    speakers = {q.speaker for a in seed_articles.values() for q in a.quotes}
    assert "Dmytro Kuleba" in speakers and "Dmitry Kuleba" not in speakers
    assert "Volodymyr Zelenskyy" in speakers and "Volodymyr Zelensky" not in speakers


STORY = """Port strike enters third day

Dock workers at the port of Larne stayed off the job for a third day on Wednesday, union leader Maeve Doran said.
"We are not going back until the contracts are signed," Doran told a rally outside the terminal. "Not one day before."
“The company has had two years to fix this,” she added.
The operator’s chief executive, Tom Hale, said that the strike was costing the port about 2 million pounds a day.
According to the port authority, at least 40 ships are waiting offshore.
Hale called the union's demands "a fantasy" in a statement.
It was, he said, «the worst dispute in forty years».
So we will talk again tomorrow," Hale said later.
"""


def test_speakers_resolve_across_sentences_and_marks():
    (article,) = annotated(STORY)
    direct = quotes_of(article, "direct")
    assert ("Maeve Doran", "We are not going back until the contracts are signed,") in direct
    assert ("Maeve Doran", "Not one day before.") in direct  # no cue of its own: the paragraph's speaker
    assert ("Maeve Doran", "The company has had two years to fix this,") in direct  # "she added"
    assert any(s == "Tom Hale" and t.startswith("So we will talk again") for s, t in direct)  # opening mark lost
    indirect = quotes_of(article, "indirect")
    assert ("Tom Hale", "that the strike was costing the port about 2 million pounds a day") in indirect
    assert any(s == "port authority" and "40 ships" in t for s, t in indirect)
    partial = quotes_of(article, "partial")
    assert ("Tom Hale", "a fantasy") in partial
    assert ("Tom Hale", "the worst dispute in forty years") in partial


def test_scare_quotes_are_not_statements():
    (article,) = annotated("Council debates 'smart' bins\n\nThe council voted on Monday to buy so-called \"smart\" bins for the centre.")
    assert [(q.kind, q.text) for q in article.quotes if q.text == "smart"] == [("scare", "smart")]


def test_offsets_point_into_the_text_as_read():
    text = "Flood defences hold\r\n\r\n\"The walls held,\" engineer Lia Sand said on Monday.\r\n"
    (article,) = annotated(text)
    q = next(q for q in article.quotes if q.kind == "direct")
    assert article.text[q.start:q.end] == "The walls held,"
    assert article.text[q.speaker_mention.start:q.speaker_mention.end] == "Lia Sand"
    assert q.line == 3


REMARKS = """Harbour strike talks stall

Union leader Maeve Doran spoke to reporters outside the port offices on Tuesday after the talks broke up.

“Well, let me put it this way,” she continued. “We would not be anxious to sign anything the members have not read.”

Port director Tom Hale said the authority would wait for a “real settlement” before reopening the berths.

Hale read a statement to the press: “The company has made its last offer and will not improve it.

“We expect the crews back on Monday.”

The dispute has been compared to the plot of “Boys from the Blackstuff” by local columnists."""


def test_pieces_of_one_remark_share_a_number():
    (article,) = annotated(REMARKS)
    remark = by_text(article)
    anxious = remark["We would not be anxious to sign anything the members have not read"]
    assert remark["Well, let me put it this way"].remark == anxious.remark  # past "she continued."
    settlement = remark["real settlement"]
    outer = next(q for q in article.quotes if q.kind == "indirect" and q.start < settlement.start < q.end)
    assert settlement.remark == outer.remark and outer.speaker == "Tom Hale"
    last_offer = next(q for q in article.quotes if q.text.startswith("The company has made its last offer"))
    assert remark["We expect the crews back on Monday"].remark == last_offer.remark  # a quote left open runs on
    assert len({anxious.remark, settlement.remark, last_offer.remark}) == 3
    assert remark["Boys from the Blackstuff"].kind == "scare" and remark["Boys from the Blackstuff"].remark is None


def test_a_person_named_right_after_the_quote_speaks_whatever_the_verb():
    text = ("Debate turns sour\n\n"
            "Governor Ann Keller accused her rival of dodging the budget question during the debate.\n\n"
            "“Let me finish my answer first,” Keller shot back, before the moderator cut both microphones.")
    (article,) = annotated(text)
    (quote,) = [q for q in article.quotes if q.kind == "direct"]
    assert quote.speaker == "Ann Keller" and quote.speaker_mention.text == "Keller"


REPORTED = """Ferry strike: talks collapse

Ruth Gale met the unions on Monday. A poll by the Harbour Gazette found that most islanders back the strikers.

Ruth Gale spoke to reporters on Tuesday. Recent polling shows that support for the strike is slipping.

Transport minister Ruth Gale, who said the strike was unlawful, met both sides on Friday.

Union leader Maeve Doran urged the government to intervene before the holiday weekend.

Port director Tom Hale said the talks had failed, but the union says they never began.

Tom Hale said on Thursday, after a call with Prime Minister Leo Varadkar, that he believes the offer was fair."""


def test_reported_speech_beyond_said():
    (article,) = annotated(REPORTED)
    found = {q.text: q for q in article.quotes if q.kind == "indirect"}
    poll = found["that most islanders back the strikers"]
    assert poll.speaker == "Harbour Gazette" and poll.speaker_mention.text.endswith("the Harbour Gazette")
    polling = found["that support for the strike is slipping"]
    assert polling.speaker is None and polling.speaker_mention.text == "Recent polling"  # not Ruth Gale
    unlawful = found["the strike was unlawful"]
    assert unlawful.speaker == "Ruth Gale" and unlawful.speaker_mention.text == "who"
    urged = found["the government to intervene before the holiday weekend"]
    assert urged.act and urged.cue == "urged" and urged.speaker == "Maeve Doran"
    assert not found["the talks had failed"].act  # cut before the contrast: the union's words follow
    assert found["they never began"].speaker == "union"  # not the union's leader
    assert found["the offer was fair"].speaker == "Tom Hale"  # "he" is who reports, not the last man named


JOINED = """Ferry strike enters second week

“We will sit down with anyone who wants a deal,” Doran said in answer to a question from a reporter outside the union offices on Tuesday. “But not on these terms.”

Port director Tom Hale rejected the union's demands for a four-day week.

Transport minister Ruth Gale said the offer was generous, calling the walkout “reckless” and “deeply unfair to islanders.”"""


def test_one_remark_past_a_long_tag_and_across_partial_quotes():
    (article,) = annotated(JOINED)
    got = by_text(article)
    assert got["We will sit down with anyone who wants a deal"].remark == got["But not on these terms"].remark
    generous = got["the offer was generous"]  # the participle's own act is cut off
    assert generous.speaker == "Ruth Gale"
    reckless, unfair = got["reckless"], got["deeply unfair to islanders"]
    # "calling" is a cue of its own: its quoted words are one remark, apart from what she said
    assert reckless.remark == unfair.remark != generous.remark and reckless.speaker == "Ruth Gale"
    demands = got["the union's demands for a four-day week"]
    assert demands.act and demands.cue == "rejected" and demands.speaker == "Tom Hale"


def test_a_colon_hands_over_and_a_programme_title_is_no_quote():
    text = ("Union defiant as ferry strike drags on\n\n"
            "Dock workers at the port of Larne stayed off the job for an eighth day on Wednesday.\n\n"
            "Union leader Maeve Doran told the rally outside the port offices:\n\n"
            "“We will not be moved by threats from anyone, least of all from the owners.”\n\n"
            "Tom Hale told BBC Radio's “Good Morning Ulster” that the port would reopen on Monday.")
    (article,) = annotated(text)
    kinds = {q.text.rstrip(",."): (q.kind, q.speaker) for q in article.quotes}
    assert kinds["We will not be moved by threats from anyone, least of all from the owners"] == ("direct", "Maeve Doran")
    assert kinds["Good Morning Ulster"][0] == "scare"


TAGS = """Ferry owners refuse to meet strikers

Port director Tom Hale met the union leaders on Monday, but no date for talks was set.

''Can we reopen the port by Friday?'' Mr. Hale asked. ''I don't know. Nobody knows.''

“The owners have not moved an inch,” said harbour board member Siobhan Quigg, who sits on the board yet backed the strikers in March.

“We will sit at these gates until they do,” Quigg fumed outside the terminal.

“Is anyone from the company even listening? They should resign!” the union's chief negotiator, Maeve Doran, tweeted on Tuesday after the meeting.

“The port is finished,” said one Antrim Democrat. “Nobody will come back.”

Quigg later walked the picket line. “We have bills to pay,” a dock worker said.

“I can only tell you that the owners will not move,” said one port source who named Hale but spoke on condition of anonymity.

The union answered with a post on its page, <img src="picket.jpg" alt="Strikers at the gate in Larne on Monday">, showing the picket line at dawn."""


def test_speakers_behind_misparsed_tags_and_descriptions():
    (article,) = annotated(TAGS)
    got = by_text(article)
    assert got["Can we reopen the port by Friday?"].speaker == "Tom Hale"
    assert got["I don't know. Nobody knows"].remark == got["Can we reopen the port by Friday?"].remark
    assert got["The owners have not moved an inch"].speaker == "Siobhan Quigg"
    assert got["We will sit at these gates until they do"].speaker == "Siobhan Quigg"
    assert got["Is anyone from the company even listening? They should resign!"].speaker == "Maeve Doran"
    finished, back = got["The port is finished"], got["Nobody will come back"]
    assert finished.remark == back.remark and back.speaker_mention.text == "one Antrim Democrat"
    bills = got["We have bills to pay"]
    assert bills.speaker is None and bills.speaker_mention.text == "a dock worker"  # someone new, not Quigg
    source = got["I can only tell you that the owners will not move"]
    assert source.speaker != "Tom Hale" and source.speaker_mention.text == "one port source"  # not the man it named
    assert not [q for q in article.quotes if "picket.jpg" in q.text or "Strikers at the gate" in q.text]


LEADS = """Harbour board split over ferry strike

In a statement to the Larne Times, the board's deputy chair, Siobhan Quigg, said: “The owners must come back to the table this week.”

As the union's lawyer Aoife Brennan put it: “Nobody strikes for fun in February.”

A survey by the Ulster Transport Institute found that “nearly two in three islanders blame the owners for the strike.”

“Honestly,” Brennan continued, “I did not think the owners would hold out this long.”

“We were wrong to trust the owners from the beginning,” Doran, 58, told the Larne Times on Monday.

LARNE (Reuters) – Port director Tom Hale said that the ferries would not sail before March.

“The engines need a month of work after standing idle.”

Hale was asked, “Will you meet the union before the holiday?” He answered, “Not this week.”"""


def test_speakers_led_in_by_colons_clauses_and_questions():
    (article,) = annotated(LEADS)
    got = by_text(article)
    assert got["The owners must come back to the table this week"].speaker == "Siobhan Quigg"
    assert got["Nobody strikes for fun in February"].speaker == "Aoife Brennan"
    survey = got["nearly two in three islanders blame the owners for the strike"]
    assert survey.cue == "found" and survey.speaker == "Ulster Transport Institute"
    assert survey.speaker_mention.text == "A survey by the Ulster Transport Institute"
    honestly, wrong = got["Honestly"], got["I did not think the owners would hold out this long"]
    assert honestly.cue == "continued" and wrong.speaker == honestly.speaker == "Aoife Brennan"
    assert got["We were wrong to trust the owners from the beginning"].speaker_mention.text == "Doran"
    assert got["that the ferries would not sail before March"].speaker == "Tom Hale"  # not the dateline
    assert got["The engines need a month of work after standing idle"].speaker == "Tom Hale"
    question, answer = got["Will you meet the union before the holiday?"], got["Not this week"]
    assert question.speaker is None and answer.speaker == "Tom Hale" and question.remark != answer.remark


def test_a_cue_of_its_own_starts_a_new_remark():
    text = ("Ferry talks go to court\n\n"
            "Port director Tom Hale spoke after the hearing in Belfast on Thursday.\n\n"
            "“We gave the union every chance to settle,” Hale said before adding: “Now the courts will have to decide.”\n\n"
            "Doran said the owners had “treated us like dirt for two years” and warned she would "
            "“not back down this side of Easter.”\n\n"
            "“We will be here,” Doran said, “until the contracts are signed.”")
    (article,) = annotated(text)
    got = by_text(article)
    assert got["We gave the union every chance to settle"].remark != got["Now the courts will have to decide"].remark
    dirt, easter = got["treated us like dirt for two years"], got["not back down this side of Easter"]
    assert (dirt.cue, easter.cue) == ("said", "warned") and dirt.remark != easter.remark
    assert got["We will be here"].remark == got["until the contracts are signed"].remark  # one tag, one remark


def test_near_spellings_of_different_surnames_stay_apart():
    first = ("Protests stay peaceful\n\n"
             "Police Commissioner Richard Ross said the marches had been calm. “It is going well so far,” Ross said.")
    second = ("Speechwriter breaks ranks\n\n"
              "The party's former speechwriter, Richard Cross, said he might vote for the rival ticket. “I may have to,” Cross said.")
    speakers = {q.speaker for a in annotated(first, second) for q in a.quotes}
    assert {"Richard Ross", "Richard Cross"} <= speakers


def test_a_participle_speaks_for_its_clause_not_for_the_name_before_it():
    text = ("Ferry strike: appeal to the port\n\n"
            "Union leader Maeve Doran met the strikers at the gate on Monday morning.\n\n"
            "Island councillors sent an appeal to Tom Hale urging him to reopen talks with the union.\n\n"
            "Port director Tom Hale echoed that, telling reporters the latest offer “we are seeing today is "
            "still not good enough” and adding that the ferries would stay in port.")
    (article,) = annotated(text)
    got = by_text(article)
    assert got["him to reopen talks with the union"].speaker != "Tom Hale"  # the councillors urge him
    assert got["we are seeing today is still not good enough"].speaker == "Tom Hale"
