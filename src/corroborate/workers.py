"""Annotate a stream of reports on every core, in input order, with memory flat in its length.

    for item in annotate_stream(["crawl.warc.gz", "feeds/"], workers=4):
        ...  # an annotated Article, or an InputError naming what could not be read or annotated

Inputs are read in this process (ingest keeps ids unique across the whole stream, so they
must be given out in one place); each report is then cleaned and annotated on its own in a
pool of worker processes that load their models once. Because a report's annotation never
depends on which other reports share its process, the results are the same whatever the
number of workers. Only a few reports per worker are in flight at a time, and each is
yielded as soon as it and every report before it are done, so nothing grows with the
number of inputs.

Steps that compare reports of one story (lines that recur across reports as site furniture,
one canonical name per person across reports) are left to the story level (`brief`).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import connection, get_context
from typing import Any

from . import ingest, nlp
from .annotate import annotate
from .clean import clean
from .errors import InputError
from .model import Article
from .settings import Settings

# reports handed to each worker ahead of the one being yielded: enough to keep every core
# busy while a long report holds up the order, few enough that memory stays small
IN_FLIGHT_PER_WORKER = 4

Result = Article | InputError


def all_cores() -> int:
    """The cores this process may run on (a container or taskset may give fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def annotate_one(article: Article, settings: Settings) -> Result:
    """Clean and annotate one report; a failure loses this report only and names it."""
    try:
        clean([article])
        annotate([article], settings)
    except Exception as exc:  # a parser or rule bug on one odd report must not stop the stream
        return InputError(article.source, f"could not be annotated ({type(exc).__name__}: {exc})")
    return article


def annotate_stream(inputs: Iterable[str], settings: Settings | None = None, workers: int | None = None,
                    outputs: Iterable[str] = ()) -> Iterator[Result]:
    """Read the inputs (never the `outputs`) and yield each annotated Article or InputError, in input order."""
    settings = settings or Settings()
    yield from annotate_each(ingest.read(inputs, settings, outputs), settings, workers)


def annotate_each(items: Iterable[Result], settings: Settings, workers: int | None = None,
                  then: Callable[[Article, Settings], Any] | None = None) -> Iterator[Any]:
    """Clean and annotate each Article of `items` on its own (InputErrors pass through), in order.
    `then` (a module-level function, so that worker processes can be handed it) runs in the
    worker on each annotated Article, and what it returns is yielded in the Article's place."""
    workers = workers or all_cores()
    nlp.one_blas_thread()  # before the pool starts: its processes inherit the setting
    if workers == 1:
        for item in items:
            yield finished(item, settings, then) if isinstance(item, Article) else item
        return
    yield from _pooled(items, settings, workers, then)


def finished(article: Article, settings: Settings, then: Callable[[Article, Settings], Any] | None) -> Any:
    result = annotate_one(article, settings)
    if then is None or isinstance(result, InputError):
        return result
    try:
        return then(result, settings)
    except Exception as exc:  # a bug on one odd report must not stop the stream
        return InputError(article.source, f"could not be prepared ({type(exc).__name__}: {exc})")


def _pooled(items: Iterable[Result], settings: Settings, workers: int,
            then: Callable[[Article, Settings], Any] | None) -> Iterator[Any]:
    # spawn, not fork: a forked child would inherit the parent's threads' locks but not the threads
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_start_worker, initargs=(settings,))
    waiting: deque[Future] = deque()
    try:
        for item in items:
            if isinstance(item, Article):
                waiting.append(pool.submit(_annotate_in_worker, item, then))
            else:
                done: Future = Future()
                done.set_result(item)
                waiting.append(done)
            while len(waiting) > workers * IN_FLIGHT_PER_WORKER or (waiting and waiting[0].done()):
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker_settings: Settings | None = None


def _start_worker(settings: Settings) -> None:
    """Runs once in each worker process: one BLAS thread, models loaded before the first report."""
    global _worker_settings
    _exit_with_parent()
    nlp.one_blas_thread()
    nlp.spacy_pipeline(settings.spacy_model)
    _worker_settings = settings


def _exit_with_parent() -> None:
    """A worker whose parent is killed (SIGKILL mid-ingest) would wait for work forever, holding
    its models' memory: the pool's queues stay open in the other workers. It leaves when the
    parent's sentinel closes."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (connection.wait([parent.sentinel]), os._exit(1)), daemon=True).start()


def _annotate_in_worker(article: Article, then: Callable[[Article, Settings], Any] | None) -> Any:
    assert _worker_settings is not None, "worker started without _start_worker"
    return finished(article, _worker_settings, then)
