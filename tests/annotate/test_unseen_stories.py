"""Who speaks, and whether they assert it, on stories the rules were not written on (ECB+
reports: a UN school shelled in Gaza, the Warren Jeffs trial, the casting of Peter Capaldi, the
death of Bettie Page), each test on the report's own lines. A pronoun goes to a
person of its gender: "she said" is never credited to a man named just before, as a fact-checker
would notice at once."""
from __future__ import annotations

import pytest
from annotated_reports import annotated_report, quote_with

from corroborate.annotate.genders import gender_of_name

pytestmark = pytest.mark.slow


def credited(report, words: str) -> list[str]:
    """Whom the report's quotes holding these words are credited to."""
    return [q.speaker for q in report.quotes if words in q.text and q.speaker]


def test_given_names_clearly_tied_to_a_gender_tell_it_and_a_lone_surname_does_not():
    assert gender_of_name("Nancy O'Higgins") == "f" and gender_of_name("John Ging") == "m"
    assert gender_of_name("Tishana King") == "f"
    assert gender_of_name("Gunness") is None  # a surname alone
    assert gender_of_name("Kim Jong Un") is None  # "Kim" is given to men and women alike


def test_she_is_not_the_man_quoted_just_before():
    report = annotated_report(
        "Israeli shells kill dozens at UN school",
        "Mohammad Awad, in hospital with shrapnel wounds to the legs and face, said he had come to the school with his "
        "family after his house was destroyed in the bombing of a neighbouring home of a Hamas leader.",
        "He and other men had been sitting in the schoolyard when shells hit the compound.",
        '"I saw bodies flying and people torn to pieces," he said.',
        "Umm Ibrahim said she had lost an eight-year-old daughter and two sons, 11 and 14.",
        "She had come to the school after a phone warning from the Israelis that the family house would be struck "
        "because one son was a Hamas militant.",
        '"We escaped death in our house, but it pursued us to the school," she said.')
    assert quote_with(report, "I saw bodies flying").speaker == "Mohammad Awad"
    assert quote_with(report, "We escaped death").speaker in (None, "Umm Ibrahim")


def test_a_present_tense_tag_takes_the_quote_from_a_clause_before_it():
    report = annotated_report(
        "Jeffs trial hears recording",
        "Another audio tape included Jeffs and the younger girl from a recording made in August 2006 at the Texas "
        "compound, according to testimony from Nick Hanna, a Texas Ranger involved in the 2008 raid.",
        "Played in court, it was difficult to decipher, but Jeffs' and a female voice are heard.",
        'He says, "I perform this service in the name of Jesus Christ, Amen, "then mentions the alleged victim by name.',
        'When she says something, he responds, "don\'t talk while praying. "')
    quote = quote_with(report, "talk while praying")
    assert quote.speaker == "Jeffs" and quote.cue == "responds"


def test_a_surname_tagged_as_a_plural_noun_is_still_the_subject_a_pronoun_goes_back_to():
    report = annotated_report(
        "Jeffs rants in court",
        "Polygamist sect leader Warren Jeffs was back in court on Thursday.",
        "Later, Nichols played a 58-minute clip of another so-called training session from December 2004, this one "
        'involving what he described as 12 "young" ladies, including the one from the first recording.',
        "Jeffs stood up and talked over it, rambling about how a holy trust was being broken.",
        '"I am but a mortal man seeking peace, "he said.')
    assert quote_with(report, "mortal man").speaker == "Warren Jeffs"


def test_a_role_is_not_the_person_last_named():
    report = annotated_report(
        "Texas jury hears Warren Jeffs sex tapes despite FLDS leader's objections",
        "Prosecutors Tuesday put on the most shocking evidence yet in the trial of Warren Jeffs, who is charged with "
        "sexually assaulting underage girls.",
        "Prosecutors played two audio recordings of Jeffs instructing his 14-year-old \"spiritual wife\" and several "
        "other young women on how to please him sexually, and thus win favor with God.",
        "Jeffs seemed determined to halt the trial, and the judge repeatedly warned him to stop talking and sit "
        "down-even threatened to kick him out of his own trial.")
    assert quote_with(report, "to stop talking").speaker is None
    dotard = annotated_report(
        "North Korea suspends tests",
        "Last year, Trump continually referred to Kim as \"Rocket Man,\" while the dictator described Trump as a "
        "\"mentally deranged U.S. dotard.\"")
    assert quote_with(dotard, "dotard").speaker != "Trump"


def test_the_writers_own_i_is_no_one_named_in_the_report():
    """A first-person column by Bettie Page's biographer: "I" outside quote marks is the writer,
    not the politician named two paragraphs before."""
    report = annotated_report(
        "Bettie Page, remembered",
        "Yet we still see attempts to diminish today's female powerbrokers women like Hillary Clinton or Sarah "
        "Palin by sexualizing them.",
        "Bettie's obits paint a bleak picture of her later years.",
        "But I found that, despite her trials, she had retained a zest for life and always took pleasure in "
        "memories of the work that made her famous.",
        "I hope that Bettie is remembered for her sexual joy.")
    assert quote_with(report, "zest for life").speaker is None
    assert quote_with(report, "remembered for her sexual joy").speaker is None


def test_an_i_inside_a_quote_running_over_paragraphs_is_the_speakers():
    report = annotated_report(
        "Peter Capaldi is the twelfth Doctor",
        'Doctor Who companion, Jenna Coleman says: "I\'m so excited Peter Capaldi is the man taking on the challenge '
        "of becoming the Twelfth Doctor.",
        "With Steven's writing and his talent I know we'll be making an amazing show with an incredible "
        'incarnation of number 12."')
    assert quote_with(report, "amazing show").speaker == "Jenna Coleman"


def test_hard_to_believe_is_no_ones_belief():
    report = annotated_report(
        "Doctor Who: Peter Capaldi",
        "Some had hoped for a black Doctor (Idris Elba was often named), or a female Doctor (Olivia Colman, "
        "perhaps), but the casting went to a white man in his fifties.",
        "Indeed, if it seemed just possible this time, it's hard to believe the next Doctor won't break one of "
        "those lines, or both.")
    assert not credited(report, "next Doctor")


def test_she_after_her_agent_speaks_is_the_woman_the_report_calls_ms_page():
    report = annotated_report(
        "Pin-up queen Bettie Page dies",
        "Bettie Page, the raven-haired pin-up, has died at the age of 85 after suffering a heart attack.",
        "Ms Page had been admitted to hospital originally for treatment for pneumonia and was set to be released "
        "and sent home on 2 December when she suffered her heart attack.",
        '"She captured the imagination of a generation of men and women with her free spirit and unabashed '
        'sensuality," her agent, Mark Roesler, said yesterday.',
        '"She is the embodiment of beauty."',
        "Even though she conceded to the occasional public event, she never agreed to having her photograph taken again.",
        '"I don\'t want to be photographed in my old age," she said in 1998.')
    assert quote_with(report, "She captured the imagination").speaker == "Mark Roesler"
    assert quote_with(report, "photographed in my old age").speaker in ("Bettie Page", "Page")


def test_quoted_words_after_however_are_not_under_the_negation_before_it():
    report = annotated_report(
        "Doctor Who: Peter Capaldi revealed as 12th Doctor",
        'Moffat added the actor had "briefly flicked through my mind" the last time he was casting the role, but '
        'he did not think he was right for the part, however "now that moment has arrived".')
    assert quote_with(report, "now that moment has arrived").stance == "asserts"


def test_he_goes_on_with_the_sentences_subject_not_with_a_subject_inside_it():
    capaldi = annotated_report(
        "Capaldi is the new Doctor",
        "Peter Capaldi has been named as the twelfth Doctor.",
        "Producer Moffat, who is also a co-creator of Sherlock, is sure that fans will agree that Capaldi is the "
        "perfect choice.",
        '"When you watched him walk out in the room tonight, didn\'t you just think \'well, there he is\'? "he said.')
    assert quote_with(capaldi, "walk out in the room").speaker.endswith("Moffat")
    # NewsWCL50, event 0 (a New York Times report)
    kudlow = annotated_report(
        "Trump and Abe meet at Mar-a-Lago",
        "“We have certain disagreements with respect to some of the trading issues,” Larry Kudlow, Mr. Trump’s "
        "chief economic adviser, told reporters before the meeting. “We’ll iron those out, hopefully.”",
        "Mr. Kudlow said he expected Mr. Abe to petition Mr. Trump to grant Japan an exemption, but declined to "
        "predict how he would respond. He also tamped down expectations about the United States rejoining the "
        "Trans-Pacific Partnership, the Asian trade pact, now anchored by Japan, which Mr. Trump pulled out of "
        "during his first week in office.",
        "“We are in the pre-preliminary stages of any discussions,” he said. “It’s more of a thought than a policy.”")
    assert quote_with(kudlow, "pre-preliminary stages").speaker == "Larry Kudlow"


def test_what_the_writer_would_like_readers_to_know_is_no_ones_remark():
    # ScrapingHub set (NJ.com, 18 November 2019): the columnist's sarcasm became the governor saying her state is on meth
    report = annotated_report(
        "South Dakota doubles down on 'Meth. We're on it' campaign",
        "South Dakota Gov. Kristi Noem launched a new anti-drug campaign on Monday.",
        "Yes, that's it. No joke. The governor of South Dakota would like us to know that her state is on meth. "
        "You know, like solving the problem. On it!")
    assert not credited(report, "her state is on meth")


def test_a_finding_whose_subject_is_a_thing_is_no_ones_remark():
    # ScrapingHub set (USA TODAY): "the ad going viral ... shows" was given to the governor named before it
    report = annotated_report(
        "'Meth. We're On It': South Dakota campaign is working, Kristi Noem says",
        "Noem launched the campaign to bring awareness to the meth epidemic in South Dakota, and the ad going viral on "
        "its first day shows that it's already a success.")
    assert not credited(report, "already a success")


def test_the_paper_told_is_not_the_speaker():
    # ScrapingHub set (The Hollywood Reporter, 19 November 2019): the parser made the paper a second subject of "tells"
    report = annotated_report(
        "Google Bets on the Future With Launch of Stadia",
        "“Stadia has been built from the ground up to be a cloud platform,” Jack Buser, director for games at Google, "
        "tells The Hollywood Reporter.")
    assert quote_with(report, "built from the ground up").speaker == "Jack Buser"


def test_it_is_revealed_is_said_by_no_one_named_before():
    # ScrapingHub set (Wccftech, 19 November 2019): a review's finding was credited to Google, who had promised better
    report = annotated_report(
        "Stadia Falls Short of 4K at Launch",
        "Apparently, Destiny 2 isn’t the only game not offering the visual quality Google promised – it's revealed in "
        "Eurogamer’s Stadia review that Red Dead Redemption 2 only renders at 1440p and 30fps.")
    assert "Google" not in credited(report, "only renders at 1440p")


def test_people_shown_declaring_are_not_the_paper_cited_before():
    # ScrapingHub set (The Hill, 18 November 2019): "I'm on meth", said by people in an ad, went to the Argus Leader
    report = annotated_report(
        "South Dakota governor doubles down on anti-drug campaign",
        "The campaign, which includes both digital and TV ads, cost the state roughly $449,000, according to the Sioux "
        "Falls Argus Leader.",
        "One campaign video featured a series of South Dakotans — including both adults and children — declaring, "
        "“I’m on meth.” The video prompted some Twitter users to argue.")
    assert quote_with(report, "I’m on meth").speaker != "Sioux Falls Argus Leader"
