"""brief(paths) -> Briefing: the stages chained, with errors kept beside the results."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from . import ingest
from .analyse import analyse
from .annotate import annotate
from .clean import clean
from .errors import InputError
from .model import Article, Briefing
from .nlp import warm_up
from .settings import Settings

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)


def read(inputs: Iterable[str], settings: Settings | None = None) -> tuple[list[Article], list[InputError]]:
    """Ingest and clean: articles with line labels and metadata, and what could not be read."""
    articles, errors = [], []
    for item in ingest.read(inputs, settings or Settings()):
        (articles if isinstance(item, Article) else errors).append(item)
    return clean(articles), errors


def annotated(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None) -> tuple[list[Article], list[InputError]]:
    settings = settings or Settings()
    articles, errors = read(inputs, settings)
    paragraphs = sum(1 for a in articles for ln in a.lines if ln.label in ("body", "subheading"))
    if progress:
        progress("annotate", 0, paragraphs)
    annotate(articles, settings, (lambda n: progress("annotate", n, paragraphs)) if progress else None)
    return articles, errors


def brief(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None) -> Briefing:
    settings = settings or Settings()
    loading = warm_up(settings.embedding_model)
    articles, errors = annotated(inputs, settings, progress)
    loading.join()
    if progress:
        progress("analyse", 0, 1)
    briefing = analyse(articles, settings) if articles else Briefing(articles=[])
    if progress:
        progress("analyse", 1, 1)
    briefing.errors = [e.to_dict() for e in errors]
    return briefing
