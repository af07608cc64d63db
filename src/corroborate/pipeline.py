"""brief(paths) -> Briefing: the stages chained, with errors kept beside the results."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from . import ingest
from .analyse import analyse
from .analyse.story import sentence_unit_text
from .annotate import annotate
from .clean import clean
from .errors import InputError
from .model import Article, Briefing
from .nlp import embed_soon, warm_up
from .settings import Settings

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)
PREFETCH_BATCH = 64  # sentences handed to the background encoder at a time
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
    articles, errors = [], []
    for item in ingest.read(inputs, settings or Settings(), outputs):
        (articles if isinstance(item, Article) else errors).append(item)
    # one order whatever order the inputs came in: the same reports give the same briefing
    articles.sort(key=lambda a: (a.id, a.source))
    errors.sort(key=lambda e: (e.source, e.reason))
    cleaned, _ = isolated("cleaning", clean, articles, errors)
    return cleaned, errors


def annotated(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None,
              prefetch: bool = False, outputs: Iterable[str] = ()) -> tuple[list[Article], list[InputError]]:
    settings = settings or Settings()
    articles, errors = read(inputs, settings, outputs)
    articles = annotate_read(articles, settings, progress, prefetch, errors)
    return articles, errors


def annotate_read(articles: list[Article], settings: Settings, progress: Progress | None = None, prefetch: bool = False,
                  errors: list[InputError] | None = None) -> list[Article]:
    """Annotate; with `prefetch`, sentences are embedded in the background as soon as they are
    parsed, so analysis finds most vectors ready (parsing and encoding share the cores)."""
    paragraphs = sum(1 for a in articles for ln in a.lines if ln.label in ("body", "subheading"))
    if progress:
        progress("annotate", 0, paragraphs)
    waiting: list[str] = []

    def parsed_sentences(sentences: list[str]) -> None:
        if progress:
            progress("annotate", 1, paragraphs)
        if prefetch:
            waiting.extend(t for t in map(sentence_unit_text, sentences) if t)
            if len(waiting) >= PREFETCH_BATCH:
                embed_soon(waiting[:], settings.embedding_model)
                waiting.clear()

    _, kept = isolated("annotation", lambda batch: annotate(batch, settings, parsed_sentences), articles,
                       errors if errors is not None else [])
    if waiting:
        embed_soon(waiting, settings.embedding_model)
    return kept


def brief(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None,
          outputs: Iterable[str] = ()) -> Briefing:
    settings = settings or Settings()
    warm_up(settings.spacy_model, settings.embedding_model)
    articles, errors = annotated(inputs, settings, progress, prefetch=True, outputs=outputs)
    if progress:
        progress("analyse", 0, 1)
    briefing = isolated("analysis", lambda batch: analyse(batch, settings), articles, errors)[0] if articles else Briefing(articles=[])
    if progress:
        progress("analyse", 1, 1)
    briefing.errors = [e.to_dict() for e in errors]
    return briefing
