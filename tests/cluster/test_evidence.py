"""The evidence two reports are compared on, read from real report openings: the date line at
the top of an undated report, and names that tell two events of one kind apart."""
from __future__ import annotations

from datetime import date

import numpy as np

from corroborate.cluster.evidence import distinctiveness, names_apart
from corroborate.cluster.features import EPOCH, Profile, dateline_day
from corroborate.model import Article


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
