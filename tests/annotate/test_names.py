"""One person under several names, several people under one: the name rules without a parse."""
from __future__ import annotations

import pytest

from corroborate.annotate.entities import canonical_names, clean_name, person_keys, resolve_within, same_person
from corroborate.annotate.parsed import NameMention


def people(article: str, *texts: str) -> list[NameMention]:
    return [NameMention(article=article, line=1, start=i, end=i + 1, text=t, kind="person") for i, t in enumerate(texts)]


@pytest.mark.parametrize("a, b", [("Jim Mattis", "James Mattis"), ("Dick Blumenthal", "Richard Blumenthal"),
                                  ("Bill Nelson", "William Nelson"), ("Roger J. Stone Jr", "Roger Stone"),
                                  ("Robert S. Mueller III", "Robert Mueller"), ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
                                  ("H. Dale Hall", "Dale Hall")])
def test_variants_of_one_name_are_one_person(a, b):
    assert same_person(a, b)


@pytest.mark.parametrize("a, b", [("Donald Trump", "Eric Trump"), ("Richard Ross", "Richard Cross"),
                                  ("Donald Trump Jr", "Donald Trump Sr")])
def test_different_people_stay_apart(a, b):
    assert not same_person(a, b)


def test_across_reports_a_nickname_merges_and_a_son_named_beside_his_father_does_not():
    names = (people("a", "Jim Mattis", "Donald Trump", "Donald Trump Jr", "Trump")
             + people("b", "James Mattis", "Trump", "Roger J. Stone Jr", "Roger Stone") + people("c", "Roger Stone"))
    for article in "abc":
        resolve_within([n for n in names if n.article == article])
    canonical = canonical_names([person_keys([n for n in names if n.article == a]) for a in "abc"])
    assert canonical["Jim Mattis"] == canonical["James Mattis"]
    assert canonical["Roger J. Stone Jr"] == canonical["Roger Stone"]  # the formal name and the short one
    assert canonical["Donald Trump"] != canonical["Donald Trump Jr"]  # one report names both
    assert canonical["Trump"] == canonical["Donald Trump"]  # a surname alone: the one named most, no suffix


def test_the_father_with_a_middle_initial_is_not_the_son_another_report_tells_apart():
    # one report of a lawsuit names "Donald Trump" and "Donald Trump Jr"; another only "Donald J.
    # Trump" (from "Donald J. Trump for President, Inc."), whose tweet must stay the father's
    canonical = canonical_names([{"Donald Trump", "Donald Trump Jr"}, {"Donald Trump", "Donald Trump Jr"},
                                 {"Donald J. Trump"}, {"Donald Trump"}])
    assert canonical["Donald J. Trump"] == canonical["Donald Trump"] == "Donald Trump"
    assert canonical["Donald Trump Jr"] == "Donald Trump Jr"


def test_a_surname_alone_goes_to_the_person_named_most_who_has_it():
    names = people("a", "Donald Trump", "Eric Trump", "Donald Trump", "Trump")
    resolve_within(names)
    assert names[-1].key == "Donald Trump"


def test_a_surname_one_report_tells_apart_from_a_namesake_joins_the_other_person():
    # one report: "Trump and Melania Trump welcomed Macron"; another names Donald Trump in full
    canonical = canonical_names([{"Trump", "Melania Trump"}, {"Melania Trump"}, {"Donald Trump"}])
    assert canonical["Trump"] == "Donald Trump"
    assert canonical["Melania Trump"] == "Melania Trump"


def test_a_hyphenated_given_name_and_its_spaced_spelling_are_one_person():
    canonical = canonical_names([{"Kim Jong-un"}, {"Kim Jong Un"}, {"Kim Jong Un"}])
    assert canonical["Kim Jong-un"] == canonical["Kim Jong Un"] == "Kim Jong Un"


@pytest.mark.parametrize("written, name", [("Sen. Marco Rubio", "Marco Rubio"), ("Tishana King", "Tishana King"),
                                           ("Prime Minister John Major", "John Major"), ("Mr. Obama's", "Obama")])
def test_titles_go_before_a_name_and_a_surname_that_is_a_title_stays(written, name):
    assert clean_name(written) == name
