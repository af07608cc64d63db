"""Figures become intervals, dates become days, as the report's date says."""
from __future__ import annotations

from datetime import date

import pytest

from corroborate.annotate import annotate
from corroborate.clean import clean
from corroborate.dates import resolve
from corroborate.model import Article


@pytest.mark.parametrize("surface, reference, sentence, expected", [
    ("Tuesday", date(2022, 2, 16), "President Joe Biden said Tuesday that officials had not verified it.", "2022-02-15"),
    ("Sunday", date(2022, 2, 16), "Troops will leave after the maneuvers wrap up Sunday.", "2022-02-20"),
    ("20 January", date(2022, 2, 15), "", "2022-01-20"),
    ("Feb. 20", date(2022, 2, 15), "", "2022-02-20"),
    ("Feb. 20", None, "", None),  # no report date: the year is unknown
    ("Wednesday", date(2022, 2, 16), "Russia said Wednesday it was returning troops.", "2022-02-16"),
    ("recent months", date(2022, 2, 16), "", None),
    ("2014", date(2022, 2, 16), "", "2014"),
])
def test_dates_resolve_against_the_report_date(surface, reference, sentence, expected):
    assert resolve(surface, reference, sentence) == expected


TEXT = """Troops gather near the border

Published Feb. 16, 2022. About 150,000 troops are massed near the border, and more than 100,000 of them arrived in January.
At least 12 countries told citizens to leave.
The president ordered the deployment of 1,700 and then another 3,000 soldiers.
Volunteers unfolded a 200-meter (656-foot) flag in the stadium.
"""


@pytest.mark.slow
def test_quantities_become_intervals():
    article = Article(id="t.txt", source="t.txt", text=TEXT)
    clean([article])
    annotate([article])
    got = {v.surface: (v.normalized, v.unit, v.low, v.high, v.qualifier) for v in article.values if v.kind == "quantity"}
    assert got["About 150,000"] == (150000, "troops", 150000, 150000, "approx")
    assert got["more than 100,000"] == (100000, None, 100000, None, "min")
    assert got["At least 12"] == (12, "countries", 12, None, "min")
    assert got["1,700"][0] == 1700 and got["3,000"][:2] == (3000, "soldiers")
    assert got["200-meter"][:2] == (200, "meter") and got["656-foot"][:2] == (656, "foot")


@pytest.mark.slow
def test_seed_discrepancy_values_are_normalised_as_the_gold_gives_them(seed_articles, gold):
    for discrepancy in gold["discrepancies"]:
        for value in discrepancy["values"]:
            if value["surface"] is None or value["normalized"] is None:
                continue
            article = seed_articles[value["doc"]]
            found = [v.normalized for v in article.values if v.line == value["line"] and value["surface"].lower() in v.surface.lower()]
            assert value["normalized"] in found, (discrepancy["id"], value, found)
