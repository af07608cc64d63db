"""Reports into the store and stored reports into a briefing: the stages chained around the store.

Ingest recognises a stored report before cleaning or parsing it, annotates the rest together
(as `brief` does, so names are made canonical across them) in batches, embeds every text the
analysis of a briefing will embed, links copies to their original by MinHash, and commits each
report in its own transaction. Briefing stored reports hands their vectors to the encoder's cache:
neither spaCy nor the encoder loads.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from . import __version__, ingest
from .analyse import analyse
from .analyse.discrepancies import date_context, sentence_of
from .analyse.sources import NUM_PERM, body_text, shingles
from .analyse.story import Story, build_units
from .clean import clean
from .errors import InputError
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
    copies = CopyFinder(store, settings) if pending else None
    for start in range(0, len(pending), INGEST_BATCH):
        batch = clean(pending[start:start + INGEST_BATCH])
        annotate_read(batch, settings, progress, prefetch=True)
        for article in batch:
            counts[store_report(store, article, settings, copies)[1]] += 1
            if progress:
                progress("store", 1, len(pending))
    return counts, errors


def store_report(store: Store, article: Article, settings: Settings, copies: CopyFinder | None = None) -> tuple[int, str]:
    """Store one annotated report with its vectors and signature: (report id, new | unchanged | updated)."""
    copies = copies or CopyFinder(store, settings)
    texts = analysis_texts(article, settings)
    signature = minhash(article)
    report_id, status = store.add(article, texts, embed(texts, settings.embedding_model).astype("float16"),
                                  pack_minhash(signature.hashvalues), annotator(settings),
                                  copy_of=copies.original_of(signature))
    copies.add(report_id, signature)
    return report_id, status


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


MINHASH_SCHEME = "affine32"  # datasketch's default: uint32 values, which the store keeps as they are


def minhash(article: Article) -> MinHash:
    """The signature analyse/sources.py compares to find shared copy."""
    m = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(body_text(article))])
    return m


class CopyFinder:
    """Stored reports' signatures in a MinHash LSH: a new report sharing copy with one of them is
    linked to the oldest (its original); copies are stored like any report, never dropped."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.lsh = MinHashLSH(threshold=settings.shared_copy_jaccard, num_perm=NUM_PERM)
        for report_id, hashvalues in store.signatures():
            self.add(report_id, MinHash(num_perm=NUM_PERM, hashvalues=hashvalues, scheme=MINHASH_SCHEME))

    def add(self, report_id: int, signature: MinHash) -> None:
        if report_id not in self.lsh:
            self.lsh.insert(report_id, signature)

    def original_of(self, signature: MinHash) -> int | None:
        return min(self.lsh.query(signature), default=None)


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
