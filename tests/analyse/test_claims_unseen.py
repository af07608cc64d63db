"""Claims and disagreements on stories no rule was tuned on (ECB+ sub-topics read line by line),
each test on the reports' own sentences: evidence is shown only when it speaks of the claim, a
body is no claimant of one person's words, and counts of different groups, nights or bounds are
no disagreement, while a newer, smaller count of one past event is one."""
from __future__ import annotations

import pytest
from test_claims_trust import Said, report  # the same report builder: a headline and paragraphs

from corroborate.analyse import analyse
from corroborate.model import Entity, Mention

pytestmark = pytest.mark.slow  # the sentence encoder loads once

NOWHERE_SAFE = Said('"There\'s nowhere safe in Gaza," said John Ging, the head of UNRWA in Gaza, after the first school was hit.',
                    "There's nowhere safe in Gaza", "John Ging")
IMAGE = Said('"We have come to Israel in order to advance the initiative for a humanitarian ceasefire and I will tell you, '
             'Mr President, that you have a serious problem with international advocacy, and that Israel\'s image is being '
             'destroyed," EU foreign affairs commissioner Benita Ferrero-Waldner told Israeli President Shimon Peres during '
             'the visit of an EU delegation in the region.',
             "We have come to Israel in order to advance the initiative for a humanitarian ceasefire and I will tell you, "
             "Mr President, that you have a serious problem with international advocacy, and that Israel's image is being "
             "destroyed", "Benita Ferrero-Waldner")
TOLL = Said("The UN says that more than 660 Palestinians have been killed since Israel began its offensive.")
SHELTER = Said("Thousands of Palestinians have sought shelter in UN schools across the Gaza Strip.")


def dated(article, day: str):
    article.published = day
    return article


def test_evidence_about_something_else_is_not_shown_and_the_status_says_so():
    # the EU commissioner's words on Israel's image say nothing about safety in Gaza
    briefing = analyse([report("a", "Gaza Daily", NOWHERE_SAFE, TOLL), report("b", "Harbor Times", NOWHERE_SAFE, SHELTER),
                        report("c", "Brussels Post", IMAGE, TOLL)])
    [claim] = [c for c in briefing.claims if c.claimed_by == "John Ging"]
    assert claim.evidence == [] and "evidence" not in claim.status_text and claim.status == "unconfirmed"


def test_words_in_the_first_person_credited_to_a_body_are_no_claim():
    tweet = "I'm in the middle of the riot action at Church and Snyder in my district."
    said = Said(f'Police said: "{tweet}"', tweet, "Police")
    reports = [report("a", "Metro Daily", said, Said("Protesters marched to the precinct station on Monday night.")),
               report("b", "Harbor Times", said, Said("A vigil for the teenager turned violent on Monday night."))]
    for article in reports:
        for entity in article.entities:
            entity.kind = "org"
    assert not [c for c in analyse(reports).claims if c.claimed_by == "Police"]


def numbers(*reports):
    return [d for d in analyse(list(reports)).discrepancies if d.kind == "number"]


def test_a_newer_smaller_count_of_one_past_event_is_a_conflict_not_an_update():
    older = ("On Tuesday, police investigators could be seen inside a Rite Aid store where, the night before, a group of at "
             "least three dozen mostly young people briefly rampaged.")
    newer = ("On Monday a group of about 130 people were marching toward the precinct station when about two dozen young "
             "protesters splintered off and trashed a Rite Aid.")
    [count] = numbers(dated(report("a", "Metro Daily", Said(older), values=((older, "at least three", 3.0, "dozen"),)), "2013-03-13"),
                      dated(report("b", "Harbor Times", Said(newer), values=((newer, "about two", 2.0, "dozen"),)), "2013-03-14"))
    assert count.verdict == "conflict" and "updated" not in count.why


def test_counts_of_different_nights_are_not_one_value():
    wednesday = "The trouble Wednesday night began soon after more than 200 people set off from the vigil site at Church Ave."
    monday = ("Starting at about 8 p.m., nearly 100 people set off from the vigil site to march the more than 20 blocks to "
              "the precinct stationhouse.")
    assert not numbers(
        dated(report("a", "Metro Daily", Said(wednesday), values=((wednesday, "more than 200", 200.0, "people"),)), "2013-03-14"),
        dated(report("b", "Harbor Times", Said(monday), values=((monday, "nearly 100", 100.0, "people"),)), "2013-03-12"))


def test_the_injured_and_the_arrested_are_two_counts():
    injured = ("At this point, the police said that the crowd has dispersed and that there was one arrest, with no injuries "
               "to police or civilians (the Post says three people were injured).")
    arrested = "By the end an officer's face and the window of a police van had been hit with bricks, and 46 people had been arrested."
    assert not numbers(report("a", "Metro Daily", Said(injured), values=((injured, "three", 3.0, "people"),)),
                       report("b", "Harbor Times", Said(arrested), values=((arrested, "46", 46.0, "people"),)))


def test_within_a_distance_is_a_bound_the_closer_figure_meets():
    within = "Rockets struck deeper into Israel than ever before, one to within 20 miles of Tel Aviv at Gadera, wounding a baby."
    exact = "Rockets struck several towns, including one that hit the town of Gadera, 17 miles from Tel Aviv, police said."
    [count] = numbers(report("a", "Metro Daily", Said(within), values=((within, "20", 20.0, "miles"),)),
                      report("b", "Harbor Times", Said(exact), values=((exact, "17", 17.0, "miles"),)))
    assert count.verdict == "compatible"


def test_a_number_split_by_a_space_is_not_read_as_its_tail():
    members = "The FLDS, which has at least 10, 000 members nationwide, is a radical offshoot of mainstream Mormonism."
    charged = ("Jeffs and 11 members of his Fundamentalist Church of the Latter Day Saints (FLDS) were charged in 2008 by "
               "Texas authorities with a variety of felony charges, from bigamy to child abuse, following a raid on the "
               "group's Yearning for Zion Ranch in tiny Eldorado, Texas.")
    assert not numbers(report("a", "Metro Daily", Said(members), values=((members, "000", 0.0, "members"),)),
                       report("b", "Harbor Times", Said(charged), values=((charged, "11", 11.0, "members"),)))


def test_one_quote_in_two_house_styles_is_no_change_of_words():
    british = "Police locked down the neighbourhood and negotiated with the suspect, who gave himself up to police just after 6 p.m."
    american = ("Police locked down the neighborhood and negotiated with the suspect, who gave himself up to police just after "
                "6: 00 p.m.")
    a = report("a", "Metro Daily", Said(f'"{british}," Fanning said in the statement.', british, "Tim Fanning", "Fanning"))
    b = report("b", "Harbor Times", Said(f'"{american}," Fanning said in a statement.', american, "Tim Fanning", "Fanning"))
    assert not [d for d in analyse([a, b]).discrepancies if d.kind == "quote-wording"]


def test_counts_of_two_families_named_apart_are_two_counts():
    beach = "Earlier that day, a shell hit a house in the Beach refugee camp, killing at least seven members of one family."
    zeitoun = ("In an earlier Israeli strike in the Zeitoun neighborhood of Gaza City, at least 12 members of the extended "
               "Daya family were killed when their house collapsed after it was hit by missiles, medical officials and a "
               "surviving relative said.")
    a = report("a", "Metro Daily", Said(beach), values=((beach, "at least seven", 7.0, "members"),))
    b = report("b", "Harbor Times", Said(zeitoun), values=((zeitoun, "at least 12", 12.0, "members"),))
    for article, place in ((a, "Beach"), (b, "Zeitoun")):
        at = article.text.index(place)
        article.entities.append(Entity(place, "place", mentions=[Mention(at, at + len(place), place)]))
    assert not numbers(a, b)


def test_what_the_claimants_side_shows_is_evidence_only_on_what_the_claim_says():
    from corroborate.analyse.claims import about_the_claim
    from corroborate.model import Evidence

    concern = ["We remain deeply concerned about Iran's dangerous escalation of threats towards Israel and the region"]
    files = Evidence("c", 3, "U.S. intelligence", "U.S. intelligence reportedly confirmed that tens of thousands of files seized "
                     "by Israel from Iran that, Israeli Prime Minister Benjamin Netanyahu said Monday, document Iran's covert "
                     "nuclear weapons program are \"authentic.\"")
    assert not about_the_claim(files, {"deeply", "concerned", "dangerous", "escalation", "threat", "region"}, concern, True)
    pullback = ["it is pulling back some of its troops from near the border with Ukraine"]
    video = Evidence("d", 17, "Russian Defense Ministry", "On Wednesday, the Russian Defense Ministry released a video showing "
                     "a trainload of armored vehicles moving across a bridge away from Crimea.")
    assert about_the_claim(video, {"pulling", "back", "near"}, pullback, True)


def test_a_name_owning_something_offers_no_evidence():
    from corroborate.analyse.claims import named_provider

    raid = ("While the FBI recently raided Trump's personal attorney Michael Cohen's home, office and hotel room to seize a "
            "collection of documents, a source said Deputy Attorney General Rod Rosenstein assured that Trump was not a "
            "target of that probe.")
    article = report("a", "Metro Daily", Said(raid, names=(("Donald Trump", "Trump"),)))
    sentence = next(s for s in article.sentences if "documents" in s.text)
    assert named_provider(article, sentence.start, sentence.text, {"Donald Trump"}) != "Donald Trump"
