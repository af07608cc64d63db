"""The Spark job: read on the executors, annotate and profile each report there, cluster on
the driver, write what `annotate` and `cluster` write.

Steps, each the local path's own code:
1. the driver expands the inputs (folders, globs) into files, as ingest does;
2. each file is read on an executor by `ingest.read`; ids that two files share are then made
   unique on the driver by ingest's own rule, in input order (only ids, never texts, travel);
3. reports are spread over the partitions and each is cleaned and annotated by
   `workers.annotate_one` and profiled by the cluster stage's `profiles`, alone: its result
   never depends on which reports share its partition. Models load once per executor process;
4. the profiles (a few KB per report) are collected and the driver runs `StoryIndex`, the
   code `corroborate cluster` runs. Candidate search in StoryIndex is already blocked by
   date window, so the driver's cost grows with the reports of each week, not with all pairs;
   a distributed candidate step would have to prove it finds the same links, this is the
   same code by construction;
5. annotated reports are written in input order, the same lines `annotate` writes.

Ids: a report is renamed only when an earlier file already used its id, by ingest's rule
(`ingest.unique_id`); within one file ingest.read has already made them unique. Two copies of
one id inside one file whose source is also taken are the one case numbered differently
from a local run (by the count of that file's ids, not of the whole run's).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import ingest, nlp
from ..cluster import StoryIndex
from ..cluster.features import Profile, profiles
from ..errors import InputError
from ..ingest import unique_id  # the rule ingest.read names ids by, applied across files
from ..model import Article, Story
from ..render.jsonout import article_line
from ..render.stories import stories_json
from ..settings import Settings
from ..workers import annotate_one

Key = tuple[int, int]  # (the file's place among the expanded inputs, the report's place in the file)
PARTITIONS_PER_CORE = 4  # a few partitions per core, so one long report does not leave a core idle


@dataclass
class Outcome:
    """What a run wrote, and what it could not read or annotate (in input order)."""
    reports: int = 0
    stories: list[Story] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


@dataclass
class Annotated:
    """One report after the executors: its output line and profile, or why it failed."""
    key: Key
    line: str | None = None
    profile: Profile | None = None
    published: str | None = None
    published_inferred: bool = False
    error: InputError | None = None


def run(sc, inputs: list[str], out: Path, settings: Settings | None = None, partitions: int | None = None) -> Outcome:
    """Annotate and cluster the inputs on `sc`; write out/articles.jsonl and out/stories.json."""
    from pyspark import StorageLevel

    settings = settings or Settings()
    out.mkdir(parents=True, exist_ok=True)
    articles_path, stories_path = out / "articles.jsonl", out / "stories.json"
    expanded = list(ingest.expand(inputs, outputs=[str(articles_path), str(stories_path)]))
    errors: list[tuple[Key, InputError]] = [((i, 0), e) for i, e in enumerate(expanded) if isinstance(e, InputError)]
    files = [(i, path) for i, path in enumerate(expanded) if isinstance(path, str)]
    outcome = Outcome()
    if files:
        read = read_files(sc, files, settings)
        done = spread(sc, read, partitions).mapPartitions(lambda items: annotate_partition(items, settings))
        done.persist(StorageLevel.MEMORY_AND_DISK)
        summaries = done.map(lambda a: Annotated(a.key, None, a.profile, a.published, a.published_inferred, a.error)).collect()
        read.unpersist()
        errors += [(a.key, a.error) for a in summaries if a.error]
        written = [a for a in summaries if a.profile is not None]
        with open_atomic(articles_path) as handle:
            for _, line in done.filter(lambda a: a.line is not None).map(lambda a: (a.key, a.line)).sortByKey().toLocalIterator():
                handle.write(line + "\n")
        done.unpersist()
        outcome.reports = len(written)
        outcome.stories = stories_of(written, settings)
    outcome.errors = [e for _, e in sorted(errors, key=lambda ke: ke[0])]
    with open_atomic(stories_path) as handle:
        handle.write(stories_json(outcome.stories, [e.to_dict() for e in outcome.errors]))
    return outcome


def read_files(sc, files: list[tuple[int, str]], settings: Settings):
    """An RDD of (key, Article or InputError), each file read by one task; kept, as the ids are
    collected from it before the reports go on."""
    from pyspark import StorageLevel

    read = sc.parallelize(files, len(files)).flatMap(lambda item: read_file(item, settings))
    return read.persist(StorageLevel.MEMORY_AND_DISK)


def spread(sc, read, partitions: int | None = None):
    """The reports with ids unique across files, spread evenly over the partitions (one large
    file is read by one task, its reports are annotated by all)."""
    renames = sc.broadcast(unique_ids(read.filter(lambda kv: isinstance(kv[1], Article))
                                      .map(lambda kv: (kv[0], kv[1].id, kv[1].source)).collect()))
    return (read.map(lambda kv: renamed(kv, renames.value))
            .repartition(partitions or sc.defaultParallelism * PARTITIONS_PER_CORE))


def read_file(item: tuple[int, str], settings: Settings) -> Iterator[tuple[Key, Article | InputError]]:
    index, path = item
    for position, result in enumerate(ingest.read([path], settings)):
        yield (index, position), result


def unique_ids(found: Iterable[tuple[Key, str, str]]) -> dict[Key, str]:
    """The new id of every report whose id an earlier file already used, in input order."""
    seen: set[str] = set()
    renames = {}
    for key, article_id, source in sorted(found):
        new = unique_id(article_id, source, seen)
        if new != article_id:
            renames[key] = new
    return renames


def renamed(item: tuple[Key, Article | InputError], renames: dict[Key, str]) -> tuple[Key, Article | InputError]:
    key, result = item
    if key in renames:
        result.id = renames[key]
    return key, result


def annotate_partition(items: Iterable[tuple[Key, Article | InputError]], settings: Settings) -> Iterator[Annotated]:
    """Runs on an executor: each report annotated and profiled on its own."""
    for key, result in annotated(items, settings):
        if isinstance(result, InputError):
            yield Annotated(key, error=result)
            continue
        yield Annotated(key, article_line(result), profiles([result], settings)[0], result.published,
                        result.published_inferred)


def annotated(items: Iterable[tuple[Key, Article | InputError]], settings: Settings) -> Iterator[tuple[Key, Article | InputError]]:
    """Runs on an executor: each report cleaned and annotated by the function `annotate` uses."""
    ready(settings)
    for key, item in items:
        yield key, (annotate_one(item, settings) if isinstance(item, Article) else item)


def ready(settings: Settings) -> None:
    """Once per executor process (Spark reuses its Python workers): one BLAS thread, models loaded."""
    nlp.one_blas_thread()
    nlp.spacy_pipeline(settings.spacy_model)
    nlp.sentence_encoder(settings.embedding_model)


def stories_of(reports: list[Annotated], settings: Settings) -> list[Story]:
    """The cluster stage's StoryIndex over the collected profiles; a report's dates are all
    `StoryIndex.stories` reads of it."""
    index = StoryIndex(settings)
    index.add_profiles([a.profile for a in reports])
    dated = {a.profile.id: Article(id=a.profile.id, source="", text="", published=a.published,
                                   published_inferred=a.published_inferred) for a in reports}
    return index.stories(dated)


class open_atomic:
    """A file that appears under its name only once complete, as `annotate -o` writes."""

    def __init__(self, path: Path) -> None:
        self.path, self.part = path, path.with_name(path.name + ".part")

    def __enter__(self):
        self.handle = self.part.open("w", encoding="utf-8")
        return self.handle

    def __exit__(self, kind, *rest) -> None:
        self.handle.close()
        if kind is None:
            self.part.replace(self.path)
        else:
            self.part.unlink(missing_ok=True)
