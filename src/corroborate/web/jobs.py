"""Ingestion in the background: one worker thread takes jobs in order (spaCy and the encoder
are loaded once and used by one job at a time) and records its progress, which the pages poll.

The job table lives in memory: it shows this server's work since it started, not a history.
"""
from __future__ import annotations

import json
import queue
import shutil
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..archive import ingest_inputs
from ..errors import InputError
from ..ingest.decode import decode
from ..settings import Settings
from ..store import Store
from . import catalog
from .briefings import Briefings
from .fetch import Refused, fetch, is_public
from .options import ServeOptions

KEPT_JOBS = 200


@dataclass
class Job:
    id: int
    created: str
    inputs: list[str]  # what the user gave: file names, "pasted text", URLs
    state: str = "queued"  # queued | running | done | failed
    stage: str = "waiting"
    done: int = 0
    total: int | None = None
    counts: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)
    finished: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class Jobs:
    def __init__(self, store: Store, settings: Settings, options: ServeOptions, briefings: Briefings) -> None:
        self.store, self.settings, self.options, self.briefings = store, settings, options, briefings
        self.table: dict[int, Job] = {}
        self.lock = threading.Lock()
        self.todo: queue.Queue = queue.Queue()
        self.worker: threading.Thread | None = None

    def submit(self, folder: Path, files: list[Path], urls: list[str], names: list[str], now: str) -> Job:
        """Queue the files already written to `folder` and the URLs (checked when fetched)."""
        with self.lock:
            job = Job(max(self.table, default=0) + 1, now, names)
            self.table[job.id] = job
            for old in sorted(self.table)[:-KEPT_JOBS]:
                del self.table[old]
            if self.worker is None:
                self.worker = threading.Thread(target=self.work, name="corroborate-ingest", daemon=True)
                self.worker.start()
        self.todo.put((job, folder, files, urls))
        return job

    def all(self) -> list[Job]:
        with self.lock:
            return sorted(self.table.values(), key=lambda j: -j.id)

    def get(self, job_id: int) -> Job | None:
        with self.lock:
            return self.table.get(job_id)

    def work(self) -> None:
        while True:
            job, folder, files, urls = self.todo.get()
            job.state = "running"
            try:
                self.run(job, folder, files, urls)
                job.state = "done"
            except Exception as exc:  # a job that fails says why and leaves the server running
                job.state = "failed"
                job.errors.append(f"ingestion stopped: {exc.__class__.__name__}: {exc}")
            finally:
                shutil.rmtree(folder, ignore_errors=True)
                job.stage, job.finished = "finished", now_iso()

    def run(self, job: Job, folder: Path, files: list[Path], urls: list[str]) -> None:
        inputs = [str(f) for f in files]
        for n, url in enumerate(urls):
            self.progress(job, "fetch", n, len(urls))
            try:
                inputs.append(str(fetched(url, folder, n, self.options)))
            except Refused as exc:
                job.errors.append(str(exc))
        before = set(self.store.report_ids())
        counts, errors = ingest_inputs(inputs, self.store, self.settings, lambda *p: self.progress(job, *p, relative=True))
        job.counts = {k: counts[k] for k in ("new", "unchanged", "updated")}
        job.errors += [f"{shown(e.source, folder)}: {e.reason}" for e in errors]
        new = [i for i in self.store.report_ids() if i not in before]
        self.place(new)
        touched = sorted(set(catalog.stories_of(self.store, new).values()))
        job.stories = touched
        for n, story_id in enumerate(touched):
            self.progress(job, "brief", n, len(touched))
            summary = catalog.story_summary(self.store, story_id)
            if summary:
                self.briefings.of(summary)
        self.progress(job, "brief", len(touched), len(touched))

    def place(self, new: list[int]) -> None:
        """Reports the ingestion left outside every story form one new story (what was added
        together belongs together); when ingestion assigns stories itself there are none."""
        homeless = [i for i in catalog.without_story(self.store) if i in set(new)]
        if homeless:
            self.store.add_to_story(self.store.create_story(), homeless)

    @staticmethod
    def progress(job: Job, stage: str, advance: int, total: int | None, relative: bool = False) -> None:
        if stage != job.stage:
            job.stage, job.done = stage, 0
        job.done = job.done + advance if relative else advance
        job.total = total


def fetched(url: str, folder: Path, n: int, options: ServeOptions) -> Path:
    """The page at `url`, saved as a JSON Lines record that keeps its address."""
    allowed = (lambda address, port: True) if options.allow_private_urls else is_public
    page = fetch(url, options.max_file_bytes, Settings().url_timeout, allowed)
    body = decode(page.url, page.body)
    if isinstance(body, InputError):
        raise Refused(f"{url}: {body.reason}")
    if "html" in page.content_type:
        record = {"id": page.url, "url": page.url, "html": body}
    elif "text/plain" in page.content_type:
        record = {"id": page.url, "url": page.url, "text": body}
    elif any(kind in page.content_type for kind in ("rss", "atom", "xml")):
        path = folder / f"url-{n}.xml"
        path.write_bytes(page.body)
        return path
    else:
        raise Refused(f"{url}: content type {page.content_type or 'unknown'} is not a page, feed or text")
    path = folder / f"url-{n}.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def shown(source: str, folder: Path) -> str:
    """An input as the user named it, not as the temporary folder holds it."""
    return source.replace(str(folder) + "/", "")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
