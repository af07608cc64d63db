"""brief(paths) -> Briefing: the stages chained, with errors kept beside the results."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from .analyse import analyse
from .analyse.discrepancies import date_context, sentence_of
from .analyse.story import Story, story_units
from .annotate import annotate, name_people_across
from .clean import clean, recurring_furniture
from .errors import InputError
from .model import Article, Briefing
from .nlp import embed, remember_vectors, warm_up
from .settings import Settings

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)
T = TypeVar("T")


def isolated(stage: str, run: Callable[[list[Article]], T], articles: list[Article],
             errors: list[InputError]) -> tuple[T, list[Article]]:
    """Run a stage over all reports; if it fails, find the reports it fails on alone, name each
    of them in `errors` and run it again without them: one report's failure loses that report only."""
    try:
        return run(articles), articles
    except Exception:  # noqa: BLE001 (any failure of a stage on hostile text, looked for below)
        pass
    failed: dict[int, Exception] = {}
    for index, article in enumerate(articles):
        try:
            run([article])
        except Exception as exc:  # noqa: BLE001
            failed[index] = exc
    for index, exc in failed.items():
        errors.append(InputError(articles[index].source, f"{stage} failed on this report ({exc.__class__.__name__}: {exc})"))
    kept = [a for index, a in enumerate(articles) if index not in failed]
    return run(kept), kept


def read(inputs: Iterable[str], settings: Settings | None = None,
         outputs: Iterable[str] = ()) -> tuple[list[Article], list[InputError]]:
    """Ingest and clean: articles with line labels and metadata, and what could not be read."""
    from . import ingest  # here: briefing stored reports imports this module but reads no input

    articles, errors = [], []
    for item in ingest.read(inputs, settings or Settings(), outputs):
        (articles if isinstance(item, Article) else errors).append(item)
    # one order whatever order the inputs came in: the same reports give the same briefing
    articles.sort(key=lambda a: (a.id, a.source))
    errors.sort(key=lambda e: (e.source, e.reason))
    cleaned, _ = isolated("cleaning", clean, articles, errors)
    return cleaned, errors


def annotated(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None,
              outputs: Iterable[str] = ()) -> tuple[list[Article], list[InputError]]:
    settings = settings or Settings()
    articles, errors = read(inputs, settings, outputs)
    articles = annotate_read(articles, settings, progress, errors)
    return articles, errors


def annotate_read(articles: list[Article], settings: Settings, progress: Progress | None = None,
                  errors: list[InputError] | None = None) -> list[Article]:
    """Annotate each report (on its own), a failure losing only its report."""
    paragraphs = sum(1 for a in articles for ln in a.lines if ln.label in ("body", "subheading"))
    if progress:
        progress("annotate", 0, paragraphs)

    def parsed_sentences(sentences: list[str]) -> None:
        if progress:
            progress("annotate", 1, paragraphs)

    _, kept = isolated("annotation", lambda batch: annotate(batch, settings, parsed_sentences), articles,
                       errors if errors is not None else [])
    return kept


def brief(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None,
          outputs: Iterable[str] = ()) -> Briefing:
    settings = settings or Settings()
    warm_up(settings.spacy_model, settings.embedding_model)
    articles, errors = annotated(inputs, settings, progress, outputs=outputs)
    if progress:
        progress("analyse", 0, 1)
    briefing = isolated("analysis", lambda batch: encoded_and_analysed(batch, settings), articles, errors)[0] if articles else Briefing(articles=[])
    if progress:
        progress("analyse", 1, 1)
    briefing.errors = [e.to_dict() for e in errors]
    return briefing


def encoded_and_analysed(articles: list[Article], settings: Settings) -> Briefing:
    """The briefing of reports read from files: their texts encoded, then analysed."""
    encode_for_analysis(articles, settings)
    return analysed(articles, settings)


def analysed(articles: list[Article], settings: Settings) -> Briefing:
    """The briefing of reports cleaned and annotated each on its own (from files or from the
    store alike): the steps that compare the story's reports, then the analysis."""
    fold_furniture(articles)
    name_people_across(articles)
    return analyse(articles, settings)


def fold_furniture(articles: list[Article]) -> None:
    """Lines that recur across the story's reports as site furniture become boilerplate, and
    what was annotated in them goes."""
    for article, folded in zip(articles, recurring_furniture(articles)):
        if not folded:
            continue
        for line in article.lines:
            if line.line in folded:
                line.label = "boilerplate"
        spans = [(line.start, line.end) for line in article.lines if line.line in folded]
        article.sentences = [s for s in article.sentences if s.line not in folded]
        article.quotes = [q for q in article.quotes if q.line not in folded]
        article.values = [v for v in article.values if v.line not in folded]
        for entity in article.entities:
            entity.mentions = [m for m in entity.mentions if not any(a <= m.start < b for a, b in spans)]
            entity.aliases = sorted({m.text for m in entity.mentions} - {entity.name})
        article.entities = [e for e in article.entities if e.mentions]


def analysis_texts(article: Article, settings: Settings) -> list[str]:
    """Every text the analysis of a story embeds for this report: its units (quotes split by
    sentence, sentences in the outlet's own voice), its sentences, and the context of its dates."""
    story = Story([article], settings)
    texts = [u.text for u in story_units(story)]
    for s in article.sentences:
        texts += [s.text, s.text.strip()]
    texts += [date_context(story, v) for v in article.values if v.kind == "date"]
    texts += [sentence_of(story, article.id, x.start) for x in (*article.values, *article.quotes)]
    return list(dict.fromkeys(texts))


def encode_for_analysis(articles: list[Article], settings: Settings) -> None:
    """Encode every text the reports' analysis embeds as `ingest` stores it (float16), into the
    encoder's cache the analysis reads from."""
    texts = list(dict.fromkeys(t for a in articles for t in analysis_texts(a, settings)))
    remember_vectors(texts, encode_alone(texts, settings), settings.embedding_model)


def encode_alone(texts: list[str], settings: Settings) -> Any:
    """The vectors briefings use, as the store keeps them: each text encoded on its own (see
    nlp.embed) and rounded to float16. Alignment compares similarities with thresholds, so a
    story briefed from the store (vectors encoded at ingest) and from its files must see the
    very same bits."""
    return embed(texts, settings.embedding_model).astype("float16")
