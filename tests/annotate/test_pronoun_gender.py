"""A pronoun goes to a person of its gender: "she said" is never credited to a man named just
before, as a fact-checker would notice at once. Real lines of an ECB+ report (the UN school
shelled in Gaza, January 2009) and of the Warren Jeffs trial."""
from __future__ import annotations

import pytest
from annotated_reports import annotated_report, quote_with

from corroborate.annotate.genders import gender_of_name

pytestmark = pytest.mark.slow


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
