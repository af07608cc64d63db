"""One report that breaks a stage loses that report only, named on standard error."""
from __future__ import annotations

from corroborate import pipeline
from corroborate.errors import InputError
from corroborate.model import Article
from corroborate.settings import Settings


def report(name: str, text: str) -> Article:
    return Article(id=name, source=f"reports/{name}", text=text)


def test_a_report_that_breaks_annotation_is_left_out_and_named(monkeypatch):
    annotated: list[list[str]] = []

    def annotate(batch, settings, parsed_sentences=None):
        if any("\ufffe" in a.text for a in batch):
            raise IndexError("offset out of range")
        annotated.append([a.id for a in batch])

    monkeypatch.setattr(pipeline, "annotate", annotate)
    articles = [report("a.txt", "Port reopens\n\nThe port reopened on Monday."),
                report("b.txt", "Odd \ufffe report\n\nIt breaks the parser."),
                report("c.txt", "Bridge reopens\n\nThe bridge reopened on Friday.")]
    errors: list[InputError] = []
    kept = pipeline.annotate_read(articles, Settings(), errors=errors)
    assert [a.id for a in kept] == ["a.txt", "c.txt"]
    assert annotated[-1] == ["a.txt", "c.txt"]  # the good reports are annotated together, as one batch
    assert [str(e) for e in errors] == ["reports/b.txt: annotation failed on this report (IndexError: offset out of range)"]


def test_a_report_that_breaks_analysis_is_left_out_and_named():
    def analyse(batch):
        if any(a.id == "b.txt" for a in batch):
            raise ZeroDivisionError("division by zero")
        return [a.id for a in batch]

    errors: list[InputError] = []
    result, kept = pipeline.isolated("analysis", analyse, [report(n, "x") for n in ("a.txt", "b.txt", "c.txt")], errors)
    assert result == ["a.txt", "c.txt"] and [a.id for a in kept] == ["a.txt", "c.txt"]
    assert [str(e) for e in errors] == ["reports/b.txt: analysis failed on this report (ZeroDivisionError: division by zero)"]
