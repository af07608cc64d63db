"""The evidence two reports are compared on, read from report openings: the date line at the top
of an undated report, names and rare words that tell two events of one kind apart, and whom a
report is about."""
from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from corroborate.cluster.evidence import calendar_conflict, distinctiveness, names_apart, people_conflict, term_cosine
from corroborate.cluster.features import EPOCH, Profile, calendar_days, dateline_day, main_person, weighted_terms
from corroborate.model import Article, Entity, Mention, Sentence


def day(text: str) -> str | None:
    found = dateline_day(Article(id="r", source="r", text=text))
    return None if found is None else date.fromordinal(EPOCH.toordinal() + found).isoformat()


def test_a_date_line_at_the_top_dates_an_undated_report():
    assert day("Convicted Child Molestor Arcade Joseph Comeaux Jr. On The Lam in Texas\n\nNov. 30, 2009\n\n"
               "A convicted child molester who was supposedly confined to a wheelchair overpowered two prison "
               "guards today.") == "2009-11-30"
    assert day("Arcade Joseph Comeaux Jr, Prison Inmate, Pulls Gun On And Handcuffs Guards, Runs Away\n\n"
               "11 / 30 / 09 05: 40 PM ET\n\nA convicted sex offender ...") == "2009-11-30"
    assert day("18 September 2013 Last updated at 13: 59 GMT\n\nMicrosoft has released a temporary fix.") == "2013-09-18"
    assert day("Doctor Who\n\nMonday, Sep 10, 2012 | Updated 9: 01 AM EDT\n\nThe BBC named its new star.") == "2012-09-10"


def test_a_date_in_the_prose_is_not_the_reports_own():
    """A dated sentence of the story, however early, may be the background's date."""
    assert day("Nichols was sentenced to life without parole on December 13, 2008, after a trial that lasted "
               "more than three years and cost the state millions.\n\nHe will serve his time in Colorado.") is None
    assert day("Page was born on April 22, 1923, in Nashville, Tenn.\n\nShe sold more than 100 million "
               "records.") is None
    assert day("APR 28\n\nThe Obama administration restored a rule.") is None  # no year: the day is unknown


def profile(key: str, names: dict[str, int]) -> Profile:
    return Profile(id=key, outlet=None, title=key, day=None, years=[], names=names, main_person=None,
                   vector=np.zeros(384, dtype="float32"), minhash=np.zeros(128, dtype="uint64"))


def test_rare_names_weigh_more_than_names_every_report_gives():
    assert distinctiveness("comeaux") > distinctiveness("texas") > distinctiveness("us")
    assert distinctiveness("us") == 0.0


def test_two_events_of_one_kind_name_distinct_people_and_places_apart():
    atlanta = profile("atlanta", {"nichols": 6, "fulton": 2, "bodiford": 1, "atlanta": 2, "police": 3})
    texas = profile("texas", {"comeaux": 5, "conroe": 2, "huntsville": 1, "texas": 3, "police": 2})
    also_texas = profile("texas-2", {"comeaux": 2, "texas": 1, "livingston": 1, "police": 1})
    assert names_apart(atlanta, texas)
    assert not names_apart(texas, also_texas)


def worded(key: str, text: str, main: str | None = None, names: dict[str, int] | None = None) -> Profile:
    found = profile(key, names or {})
    found.terms, found.term_weights = weighted_terms(text)
    found.main_person = main
    return found


NEW_DOCTOR = worded("bbc", "Peter Capaldi has been unveiled as the twelfth Doctor, replacing Matt Smith. The 55-year-old "
                    "Glasgow-born actor, known as the spin doctor Malcolm Tucker, was named on a live show on Sunday.")
NEW_DOCTOR_AGAIN = worded("mirror", "Malcolm Tucker star Capaldi is the new Time Lord: the Scottish actor, 55, takes "
                          "over from Smith as the twelfth Doctor, the BBC said in a live broadcast.")
OLD_DOCTOR = worded("wired", "Little-known actor Matt Smith, 26, will be the eleventh Doctor, taking the Tardis "
                    "from David Tennant when Tennant leaves the show at the end of the year.")


def test_the_rare_words_of_the_whole_texts_tell_two_castings_of_one_role_apart():
    assert term_cosine(NEW_DOCTOR, NEW_DOCTOR_AGAIN) > 2 * term_cosine(NEW_DOCTOR, OLD_DOCTOR)
    assert term_cosine(NEW_DOCTOR, NEW_DOCTOR) == pytest.approx(1.0)


def test_common_words_weigh_nothing():
    keys, weights = weighted_terms("He said that the people would be there.")
    assert len(keys) == 0 and len(weights) == 0


def test_a_report_about_a_person_the_other_never_names_tells_another_event():
    """The report of the second casting names the first actor; the first never names the second."""
    second = profile("second", {"capaldi": 5, "smith": 2, "moffat": 1})
    second.main_person = "capaldi"
    first = profile("first", {"smith": 4, "tennant": 2})
    first.main_person = "smith"
    also_second = profile("also-second", {"capaldi": 3, "tucker": 1})
    also_second.main_person = "capaldi"
    assert people_conflict(second, first) and people_conflict(first, second)
    assert not people_conflict(second, also_second)


def annotated(sentences: list[str], people: list[str]) -> Article:
    """A report with its sentences and every mention of the given surnames, as annotate marks them."""
    text, found = " ".join(sentences), []
    start = 0
    for s in sentences:
        found.append(Sentence(line=0, start=start, end=start + len(s), text=s))
        start += len(s) + 1
    entities = [Entity(name=p, kind="person", mentions=[Mention(m.start(), m.end(), p) for m in re.finditer(p, text)])
                for p in people]
    return Article(id="r", source="r", text=text, sentences=found, entities=entities)


def test_the_main_person_is_named_in_the_lead_not_a_witness_quoted_at_length():
    lead = ["About 200 migrants walked to the border crossing on Sunday.", "They had travelled 2,500 miles.",
            "Supporters cheered them at the fence.", "Officers processed the first families by noon."]
    later = ['"We waited weeks," said Torres, a father of two.', 'Torres said the shelter was full.',
             'Torres added that his children were tired.', 'Officials said Rivas would process claims.']
    assert main_person(annotated(lead + later, ["Torres", "Rivas"])) is None
    opened = ["Rivas opened the asylum office on Sunday.", *lead[1:], *later]
    assert main_person(annotated(opened, ["Torres", "Rivas"])) is None  # named twice, but Torres most
    about = ["Torres reached the border on Sunday.", *lead[1:], *later]
    assert main_person(annotated(about, ["Torres", "Rivas"])) == "torres"


def read(text: str) -> Article:
    """A report cleaned and annotated as the pipeline does it."""
    from corroborate.annotate import annotate
    from corroborate.clean import clean

    article = Article(id="r.txt", source="r.txt", text=text)
    clean([article])
    annotate([article])
    return article


def placed(key: str, text: str) -> Profile:
    found = profile(key, {})
    found.calendar_days = calendar_days(read(text), None)
    return found


DECEMBER_PATCH = placed("december", "Microsoft patches browser flaw\n\nMicrosoft released an emergency patch on Wednesday "
                        "for a flaw in its browser that attackers have exploited since Dec. 9, when the hole was first "
                        "reported by security researchers.")
SEPTEMBER_PATCH = placed("september", "Microsoft rushes out browser fix\n\nMicrosoft on Tuesday issued a temporary fix "
                         "for a browser flaw that attackers used against targets in Japan, the company said on "
                         "September 17.")
SAME_WEEK = placed("same-week", "Browser patch arrives early\n\nThe flaw, reported on December 12, is fixed in an "
                   "out-of-band update that Microsoft shipped this week.")


def test_undated_reports_naming_days_months_apart_tell_two_events():
    """Neither report gives its year: the month and the day alone say the two patches are two
    events; a report naming a day a few days from the other's is not set apart."""
    assert DECEMBER_PATCH.calendar_days and SEPTEMBER_PATCH.calendar_days
    assert calendar_conflict(DECEMBER_PATCH, SEPTEMBER_PATCH)
    assert not calendar_conflict(DECEMBER_PATCH, SAME_WEEK)
    assert not calendar_conflict(DECEMBER_PATCH, profile("no-days", {}))  # naming no day says nothing


def test_the_calendar_wraps_around_the_new_year():
    late, early = profile("late", {}), profile("early", {})
    late.calendar_days, early.calendar_days = [363], [3]  # December 29 and January 4
    assert not calendar_conflict(late, early)
