"""Reports into the store and stored reports into a briefing: the stages chained around the store.

Ingest recognises a stored report before cleaning or parsing it, cleans and annotates each of
the others on its own (workers.py: the same function as `annotate`, on every core), so a
report's annotation never depends on the reports ingested beside it; embeds every text the
analysis of a briefing will embed; and commits each report with its story profile in its own
transaction. Every FILING_BATCH reports, and at the end, the new reports are filed into stories
(filing.py), which also links copies to their original. The steps that compare the reports of
one story (site furniture, one name per person) run when the story is briefed
(pipeline.analysed), from files and from the store alike. Briefing stored reports hands their
vectors to the encoder's cache: neither spaCy nor the encoder loads.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from . import __version__
from .errors import InputError
from .model import Article, Briefing
from .nlp import remember_vectors
from .pipeline import analysed, analysis_texts, encode_alone
from .settings import Settings
from .store import Store, StoredReport, report_key, text_hash
from .store.codec import pack_minhash
from .store.exchange import import_lines, is_export

Progress = Callable[[str, int, int | None], None]
# new reports filed into stories together: filing compares them with the stored stories of
# their weeks, so fewer, larger filings cost less; a killed ingest leaves at most this many
# stored reports unfiled, which the next ingest files
FILING_BATCH = 500


def ingest_inputs(inputs: Iterable[str], store: Store, settings: Settings,
                  progress: Progress | None = None, workers: int | None = None) -> tuple[Counter, list[InputError]]:
    """Store what the inputs hold; counts new, unchanged, updated (and copies among them)."""
    # here, not above: `brief --story` imports this module and needs neither the readers nor
    # story clustering (with its scipy, a good part of a stored briefing's time)
    from . import ingest
    from .filing import file_unfiled
    from .workers import annotate_each

    inputs = list(inputs)
    exports = [p for p in inputs if is_export(p)]
    counts: Counter = Counter()
    for path in exports:
        with open(path, encoding="utf-8") as lines:
            counts.update(import_lines(store, lines))
    errors: list[InputError] = []
    pending, seen = [], set()
    for item in ingest.read([p for p in inputs if p not in exports], settings):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        identity = (report_key(item), text_hash(item.text))
        if identity in seen or store.status(*identity) == "unchanged":
            counts["unchanged"] += 1  # before any cleaning or parsing
        else:
            pending.append(item)
        seen.add(identity)
    if progress:
        progress("store", 0, len(pending))
    stored = 0
    for item in annotate_each(pending, settings, workers, then=prepared):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            counts[stored_ready(store, item, settings)[1]] += 1
            stored += 1
            if stored % FILING_BATCH == 0:
                file_unfiled(store, settings)
        if progress:
            progress("store", 1, len(pending))
    file_unfiled(store, settings)  # and reports a killed ingest stored but did not file
    return counts, errors


class Ready(NamedTuple):
    """An annotated report with what storing it needs: its analysis texts and their vectors,
    its MinHash and its story profile (day, data)."""
    article: Article
    vector_texts: list[str]
    vectors: Any
    minhash: bytes
    profile: tuple[int | None, dict]


def prepared(article: Article, settings: Settings) -> Ready:
    """Run in ingest's worker processes, so that encoding shares the cores as parsing does."""
    from .filing import profile_of, stored_form
    texts = analysis_texts(article, settings)
    profile = profile_of(article, report_key(article), settings)
    return Ready(article, texts, encode_alone(texts, settings), pack_minhash(profile.minhash), stored_form(profile))


def stored_ready(store: Store, ready: Ready, settings: Settings) -> tuple[int, str]:
    return store.add(ready.article, ready.vector_texts, ready.vectors, ready.minhash, annotator(settings),
                     profile=ready.profile)


def store_report(store: Store, article: Article, settings: Settings) -> tuple[int, str]:
    """Store one annotated report with its vectors and story profile: (report id, new | unchanged | updated).
    It is filed into a story by `file_unfiled`."""
    return stored_ready(store, prepared(article, settings), settings)


def annotator(settings: Settings) -> str:
    return f"corroborate {__version__}; {settings.spacy_model}; {settings.embedding_model}"


def stored_briefing(store: Store, report_ids: list[int], settings: Settings) -> Briefing:
    """The briefing of stored reports, analysed from their stored annotations and vectors."""
    stored = store.reports(report_ids)
    for report in stored:
        remember_vectors(report.vector_texts, report.vectors, settings.embedding_model)
    articles = unique_ids([r.article for r in stored], stored)
    return analysed(articles, settings) if articles else Briefing(articles=[])


def unique_ids(articles: list[Article], stored: list[StoredReport]) -> list[Article]:
    """Reports ingested at different times may share a file name; the later ones are renamed."""
    seen: set[str] = set()
    for article, report in zip(articles, stored):
        if article.id in seen:
            new = f"{article.id}#{report.id}"
            for item in (*article.quotes, *article.values):
                item.article = new
            article.id = new
        seen.add(article.id)
    return articles
