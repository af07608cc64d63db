"""Who speaks, read line by line on NewsWCL50 stories: real paragraphs from event 4 (Macron's state
visit) and event 9 (Netanyahu's Iran files), each a place where "Who said what" named the wrong
speaker or stance before."""
from __future__ import annotations

import pytest

from annotated_reports import annotated_report, quote_with
from corroborate.model import Article

pytestmark = pytest.mark.slow


def annotated(*paragraphs: str) -> Article:
    return annotated_report("Iran deal talks at the White House", *paragraphs)


def speakers(article: Article) -> set[str | None]:
    return {q.speaker for q in article.quotes}


def test_he_goes_on_with_the_speaker_of_the_paragraph_before_past_the_blank_line():
    article = annotated(
        "If they restart their nuclear program, they will have bigger problems than they have ever had before,\" "
        "Trump said during a meeting with Macron in the Oval Office. \"You can mark it down.\"",
        "Still, he said, the U.S. and France were \"beginning to understand each other\" on the need to contain Iran.",
        "Macron said he wants to pursue a new deal with Iran that would build on the existing agreement.",
        "Trump appeared to be skeptical of such an agreement.",  # the tagger leaves this "Trump" untagged
        "\"We'll see,\" he said, \"whether or not it will be possible to do a new deal with solid foundations.\"")
    assert quote_with(article, "beginning to understand each other").speaker == "Trump"
    assert quote_with(article, "We'll see").speaker == "Trump"


def test_a_name_in_apposition_to_the_subject_is_who_he_goes_back_to():
    article = annotated(
        "Iran's security chief warned on Tuesday that his country would consider leaving the Nuclear "
        "Nonproliferation Treaty, if Mr. Trump pulls out from the 2015 agreement. The official, Ali Shamkhani, said "
        "signatories to the nonproliferation treaty have the right to leave it if they \"feel their national "
        "interests are not intertwined\" with the accord. \"This is one possibility for the Islamic Republic,\" he "
        "said during a news conference.")
    assert quote_with(article, "This is one possibility").speaker == "Ali Shamkhani"


def test_the_adviser_is_the_adviser_the_paragraph_brought_in():
    article = annotated(
        "One Republican adviser close to the White House said on condition of anonymity that Trump has made no "
        "effort since taking office to inform himself ― not on the Iran deal or policy issues generally. \"He "
        "doesn't know,\" the adviser said. \"And he doesn't care.\"")
    assert quote_with(article, "He doesn't know").speaker == "Republican adviser"
    assert quote_with(article, "he doesn't care").speaker == "Republican adviser"


def test_he_after_an_inverted_tag_is_its_speaker_not_the_man_named_last():
    article = annotated(
        "Florida Sen. Marco Rubio, former Florida Gov. Jeb Bush, Ohio Gov. John Kasich, even Texas Sen. Ted Cruz ― "
        "they and others, had they won the presidency, almost certainly would have stayed in the agreement, said "
        "Rick Tyler, a Republican political consultant who worked for Cruz.",
        "\"They probably would have looked at it and thought: What's best for the country?\" he said. \"I don't know "
        "anybody who would have ripped up the deal.\"")
    assert quote_with(article, "What's best for the country").speaker == "Rick Tyler"


def test_he_goes_back_to_the_speaker_not_to_the_man_named_in_his_words():
    article = annotated(
        "Dermer said Netanyahu \"exposed the fangs of the Iranian wolf.\"",
        "He said that U.S. intelligence agencies will back up Netanyahu's intel if asked.")
    assert quote_with(article, "back up Netanyahu's intel").speaker == "Dermer"


@pytest.mark.parametrize("paragraph, not_a_speaker", [
    # the report wonders whether he understood: no remark of his
    ("Whether Trump understood that during the campaign, or even if he understands it now, is not clear. Trump "
     "famously bragged at one point that he did not study issues like NATO.", "Trump"),
    # the question is put to Trump by reporters; Iran asks nothing
    ("But when asked what the U.S. strategy would be should Iran restart their nuclear program, Trump warned that it "
     "\"won't be so easy to restart.\"", "Iran"),
    # a dateline is no subject
    ("WASHINGTON ― As Republicans in 2016 hammered then-President Barack Obama's nuclear agreement with Iran, their "
     "party's foreign policy leaders and even many of the GOP candidates themselves understood that the deal, while "
     "not ideal, was worth keeping.", "WASHINGTON"),
    # the report does not know whether it was verified
    ("It was unclear if U.S. intelligence had verified the substance of the allegations made by Netanyahu on the "
     "basis of the files.", "U.S. intelligence"),
])
def test_no_remark_where_no_one_makes_one(paragraph, not_a_speaker):
    article = annotated(paragraph)
    assert not [q for q in article.quotes if q.speaker == not_a_speaker and q.kind == "indirect"], article.quotes


def test_whoever_is_told_is_not_the_speaker():
    article = annotated(
        "Jennifer Jacobs of Bloomberg News tweeted",
        "\"Iran lied about never having a nuclear weapons program,\" Netanyahu said. Israel uncovered secret Iranian files.",
        "NEW: US official confirms what Netanyahu said. Israel shared the Iranian files with the U.S. And the U.S. "
        "verified the material as authentic, I'm told.")
    verified = [q for q in article.quotes if "verified the material" in q.text]
    assert all(q.speaker != "Netanyahu" for q in verified), verified


def test_a_tag_without_its_verb_names_the_speaker():
    article = annotated(
        "TEL AVIV (Reuters) - Israel presented on Monday what it said was evidence that Iran had continued gathering "
        "nuclear knowledge after signing a 2015 agreement with world powers to curb it.",
        "\"Iran's leaders repeatedly deny ever pursuing nuclear weapons,\" Prime Minister Benjamin Netanyahu during "
        "a televised address carried by Israeli networks. \"Tonight I'm here to tell you one thing: Iran lied.\"")
    assert quote_with(article, "was evidence that Iran").speaker == "Israel"
    assert quote_with(article, "repeatedly deny ever pursuing", kind="direct").speaker == "Benjamin Netanyahu"
    assert quote_with(article, "Iran lied.", kind="direct").speaker == "Benjamin Netanyahu"


def test_quoted_words_inside_what_a_speaker_says_are_the_speakers():
    article = annotated(
        "Netanyahu, who bitterly opposed the deal, spoke in English. He said Iran has always planned \"at the highest "
        "levels\" to continue to work on the program.")
    assert quote_with(article, "at the highest levels", kind="partial").speaker == "Netanyahu"


def test_an_outlets_tag_after_reported_words_does_not_make_them_relayed():
    article = annotated(
        "Iran's deputy foreign minister and senior nuclear negotiator, Abbas Araghchi, called Netanyahu's "
        "presentation \"childish and ridiculous,\" and said the purported evidence was \"fake and fabricated,\" the "
        "Associated Press reported.")
    fake = quote_with(article, "the purported evidence", kind="indirect")
    assert (fake.speaker, fake.stance) == ("Abbas Araghchi", "asserts")
    assert "Associated Press" not in fake.text


def test_telling_of_an_act_is_asserting_it_not_relaying_words():
    article = annotated(
        "A senior Israeli official said Yossi Cohen, the chief of Israel's intelligence agency, Mossad, first informed "
        "Mr. Trump of the operation in January during a visit to Washington.")
    informed = quote_with(article, "first informed Mr. Trump", kind="indirect")
    assert informed.stance == "asserts"


def test_a_name_the_tagger_calls_an_organisation_that_says_he_of_itself_is_a_person():
    # event 6: "Rubilio Mendez" and "Blanco" are tagged as organisations
    article = annotated(
        "Rubilio Mendez said he fled Guatemala after gangs threaten to kill him, leaving behind his wife and five "
        "daughters.",
        "If deported back to Guatemala by the U.S, he said he would not stay.",
        "\"I can't go back to Guatemala,\" he said. \"I will be killed.\"",
        "Blanco said she was happy to see rainbow signs on the Mexican side of the border. She hoped the symbolism "
        "would be comforting to the gay and transgender migrants seeking safety.")
    assert quote_with(article, "I can't go back to Guatemala").speaker == "Rubilio Mendez"
    assert quote_with(article, "he would not stay").speaker == "Rubilio Mendez"
    assert quote_with(article, "the symbolism would be comforting").speaker == "Blanco"


def test_a_surname_that_is_also_a_title_stays_the_persons_name():
    # ECB+ topic 19 (New York Daily News): "Tishana King" became "Tishana", so "King said" and "she said"
    # went to the last person named, the teenager who was shot
    article = annotated(
        "Tishana King says she saw the whole incident from a bird's eye view in her Brooklyn apartment.",
        "Tishana King is the only civilian eyewitness to come forward, and her account sharply differs from Police "
        "Commissioner Raymond Kelly's assertion that Gray had pointed a revolver at the cops before they opened fire.",
        "King said the area was illuminated by a streetlight and Gray appeared to be cornered by the cops.",
        "“His (Gray’s) hands were down,” she said.",
        "A police source said King never told detectives that Gray was backing up with his hands down.")
    assert quote_with(article, "the area was illuminated").speaker == "Tishana King"
    assert quote_with(article, "hands were down").speaker == "Tishana King"


def test_pointing_a_gun_is_no_remark_and_pointing_to_evidence_is():
    # ECB+ topic 19 (New York Daily News): the teenager who was shot was credited with "a revolver at the cops"
    article = annotated(
        "Tishana King is the only civilian eyewitness to come forward, and her account sharply differs from Police "
        "Commissioner Raymond Kelly’s assertion that Gray had pointed a revolver at the cops before they opened fire.",
        "Kelly pointed to a loaded revolver recovered at the scene as proof of the officers' account.",
        "The family's lawyer said the investigation would take several weeks to complete.")
    assert not [q for q in article.quotes if q.text.startswith("a revolver at the cops")]
    assert quote_with(article, "a loaded revolver recovered").speaker == "Raymond Kelly"


def test_what_agencies_must_do_is_no_claim_of_theirs_and_what_spy_agencies_say_is():
    # ECB+ topic 9 (AP): five sentences of narration on federal agencies were shown as the agencies' words
    article = annotated(
        "Previously, federal agencies were required to consult with scientists at the Fish and Wildlife Service "
        "before taking any action that might affect endangered species.",
        "Under current law, agencies must submit any plans that might harm endangered species to the service for review.",
        "Western intelligence agencies have given dates for a possible attack on the border region.")
    assert {q.speaker for q in article.quotes} == {"Western intelligence agencies"}
