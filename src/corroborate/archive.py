"""Reports into the store and stored reports into a briefing: the stages chained around the store.

Ingest recognises a stored report before cleaning or parsing it, annotates the rest together
(as `brief` does, so names are made canonical across them) in batches, embeds every text the
analysis of a briefing will embed, and commits each report with its story profile in its own
transaction; after each batch the new reports are filed into stories (filing.py), which also
links copies to their original. Briefing stored reports hands their vectors to the encoder's
cache: neither spaCy nor the encoder loads.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from . import __version__, ingest
from .analyse import analyse
from .analyse.discrepancies import date_context, sentence_of
from .analyse.story import Story, build_units
from .clean import clean
from .errors import InputError
from .filing import file_unfiled, profile_of, stored_form
from .model import Article, Briefing
from .nlp import embed, remember_vectors
from .pipeline import annotate_read
from .settings import Settings
from .store import Store, StoredReport, report_key, text_hash
from .store.codec import pack_minhash
from .store.exchange import import_lines, is_export

Progress = Callable[[str, int, int | None], None]
# reports annotated together: names are made canonical within a batch, and a killed ingest
# loses at most one batch of parsing (every report of earlier batches is committed)
INGEST_BATCH = 500


def ingest_inputs(inputs: Iterable[str], store: Store, settings: Settings,
                  progress: Progress | None = None) -> tuple[Counter, list[InputError]]:
    """Store what the inputs hold; counts new, unchanged, updated (and copies among them)."""
    inputs = list(inputs)
    exports = [p for p in inputs if is_export(p)]
    counts: Counter = Counter()
    for path in exports:
        with open(path, encoding="utf-8") as lines:
            counts.update(import_lines(store, lines))
    articles, errors = [], []
    for item in ingest.read([p for p in inputs if p not in exports], settings):
        (articles if isinstance(item, Article) else errors).append(item)
    pending, seen = [], set()
    for article in articles:
        identity = (report_key(article), text_hash(article.text))
        if identity in seen or store.status(*identity) == "unchanged":
            counts["unchanged"] += 1
        else:
            pending.append(article)
        seen.add(identity)
    if progress:
        progress("store", 0, len(pending))
    for start in range(0, len(pending), INGEST_BATCH):
        batch = clean(pending[start:start + INGEST_BATCH])
        annotate_read(batch, settings, progress, prefetch=True)
        for article in batch:
            counts[store_report(store, article, settings)[1]] += 1
            if progress:
                progress("store", 1, len(pending))
        file_unfiled(store, settings)
    file_unfiled(store, settings)  # reports a killed ingest stored but did not file
    return counts, errors


def store_report(store: Store, article: Article, settings: Settings) -> tuple[int, str]:
    """Store one annotated report with its vectors and story profile: (report id, new | unchanged | updated).
    It is filed into a story by `file_unfiled`."""
    texts = analysis_texts(article, settings)
    profile = profile_of(article, report_key(article), settings)
    return store.add(article, texts, embed(texts, settings.embedding_model).astype("float16"),
                     pack_minhash(profile.minhash), annotator(settings), profile=stored_form(profile))


def annotator(settings: Settings) -> str:
    return f"corroborate {__version__}; {settings.spacy_model}; {settings.embedding_model}"


def analysis_texts(article: Article, settings: Settings) -> list[str]:
    """Every text the analysis of a story embeds for this report: its units (quotes split by
    sentence, sentences in the outlet's own voice), its sentences, and the context of its dates."""
    story = Story([article], settings)
    build_units(story)
    texts = [u.text for u in story.units]
    for s in article.sentences:
        texts += [s.text, s.text.strip()]
    texts += [date_context(story, v) for v in article.values if v.kind == "date"]
    texts += [sentence_of(story, article.id, x.start) for x in (*article.values, *article.quotes)]
    return list(dict.fromkeys(texts))


def stored_briefing(store: Store, report_ids: list[int], settings: Settings) -> Briefing:
    """The briefing of stored reports, analysed from their stored annotations and vectors."""
    stored = store.reports(report_ids)
    for report in stored:
        remember_vectors(report.vector_texts, report.vectors, settings.embedding_model)
    articles = unique_ids([r.article for r in stored], stored)
    return analyse(articles, settings) if articles else Briefing(articles=[])


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
