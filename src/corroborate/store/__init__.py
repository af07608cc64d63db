"""The store: reports with their annotations and sentence vectors, their versions, and stories,
in one SQLite file by default or in PostgreSQL by URL, through the same SQLAlchemy Core code.

Each report is written in its own transaction, so a killed ingest leaves every report it
finished and nothing half-written; a report already stored is recognised before it is annotated.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
from sqlalchemy import func, insert, or_, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from ..model import Article
from .codec import article_from, article_json, pack_vectors, unpack_minhash, unpack_vectors
from .engine import StoreError, default_url, describe, open_engine
from .history import changes
from .identity import report_key, text_hash
from .schema import report_profiles, report_versions, reports, sentences, stories, story_members, story_merges
from .search import search_statement

__all__ = ["FiledProfile", "Store", "StoreError", "StoredReport", "StoryGroup", "default_url", "report_key", "text_hash"]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class StoredReport:
    id: int
    key: str
    version: int
    article: Article
    vector_texts: list[str]
    vectors: np.ndarray  # float32 again, one row per vector text
    copy_of: int | None = None


@dataclass
class FiledProfile:
    """A report's stored story-index profile (JSON data), its MinHash and the story it is filed in."""
    report_id: int
    key: str
    story_id: int | None
    profile: dict
    minhash: np.ndarray


@dataclass
class StoryGroup:
    """One story after filing: reports to put in it, the stored stories it joins (the first one
    keeps its id, the others merge into it, logged with the reason), and its title."""
    reports: list[int]
    stored: list[int]
    title: str | None
    reason: str


@dataclass
class Hit:
    report_id: int
    version: int
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    line: int
    sentence: str
    speakers: list[str]


class Store:
    """One open database. Methods that write commit before they return."""

    def __init__(self, where: str | None = None) -> None:
        self.where = where or default_url()
        self.engine = open_engine(self.where)
        self.dialect = self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _write(self):
        connection = self.engine.connect()
        connection.execution_options(write=True)
        return connection

    # ---------------------------------------------------------------- reports

    def status(self, key: str, digest: str) -> str:
        """new | unchanged | updated: what storing a text of this identity would do."""
        with self.engine.connect() as c:
            return _status(c, key, digest)

    def add(self, article: Article, vector_texts: list[str], vectors: Any, minhash: bytes,
            annotator: str, copy_of: int | None = None,
            profile: tuple[int | None, dict] | None = None) -> tuple[int, str]:
        """Store one annotated report in one transaction: (report id, new | unchanged | updated),
        with its story-index profile (day, data) when given."""
        key, digest = report_key(article), text_hash(article.text)
        try:
            with self._write() as c, c.begin():
                found = _status(c, key, digest)  # again, inside the lock: another writer may have stored it
                if found == "unchanged":
                    return c.execute(select(reports.c.id).where(reports.c.key == key)).scalar_one(), found
                report_id = _insert(c, article, key, digest, vector_texts, pack_vectors(vectors), minhash,
                                    annotator, copy_of, now(), found)
                if profile is not None:
                    c.execute(report_profiles.delete().where(report_profiles.c.report_id == report_id))
                    c.execute(insert(report_profiles).values(report_id=report_id, day=profile[0],
                                                             profile=json.dumps(profile[1], ensure_ascii=False)))
                return report_id, found
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.where}: {describe(exc)}") from None

    def report_ids(self, since: str | None = None, outlet: str | None = None, query: str | None = None) -> list[int]:
        """Reports whose newest version matches every filter given, oldest stored first."""
        sql = (select(reports.c.id).join(report_versions, report_versions.c.id == reports.c.current_version)
               .order_by(reports.c.id))
        if since:
            sql = sql.where(report_versions.c.published >= since)
        if outlet:
            sql = sql.where(func.lower(report_versions.c.outlet) == outlet.lower())
        if query:
            found = search_statement(self.dialect, query, limit=None)
            if found is None:
                return []
            sql = sql.where(reports.c.id.in_(select(found.subquery().c.report_id)))
        with self.engine.connect() as c:
            return list(c.execute(sql).scalars())

    def reports(self, ids: Iterable[int]) -> list[StoredReport]:
        """The newest version of each report, in the order asked."""
        ids = list(ids)
        with self.engine.connect() as c:
            rows = {r.id: r for r in c.execute(
                select(reports.c.id, reports.c.key, reports.c.copy_of, report_versions.c.number, report_versions.c.text,
                       report_versions.c.article, report_versions.c.vector_texts, report_versions.c.vectors)
                .join(report_versions, report_versions.c.id == reports.c.current_version)
                .where(reports.c.id.in_(ids)))}
        return [StoredReport(r.id, r.key, r.number, article_from(r.text, r.article), json.loads(r.vector_texts),
                             unpack_vectors(r.vectors), r.copy_of) for r in (rows[i] for i in ids if i in rows)]

    def versions(self, report_id: int) -> list[Article]:
        with self.engine.connect() as c:
            rows = c.execute(select(report_versions.c.text, report_versions.c.article)
                             .where(report_versions.c.report_id == report_id).order_by(report_versions.c.number))
            return [article_from(t, a) for t, a in rows]

    def history(self, report_id: int) -> list[dict]:
        """What each version after the first changed in figures, quotes and title."""
        versions = self.versions(report_id)
        return [{"version": n, "changes": changes(old, new)}
                for n, (old, new) in enumerate(zip(versions, versions[1:]), start=2)]

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        sql = search_statement(self.dialect, query, limit)
        if sql is None:
            return []
        with self.engine.connect() as c:
            return [Hit(r.report_id, r.version, r.article_id, r.title, r.outlet, r.published, r.url, r.line, r.text,
                        r.speakers.split("; ") if r.speakers else []) for r in c.execute(sql)]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return {t.name: c.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (reports, report_versions, sentences, stories, story_members, story_merges)}

    # ---------------------------------------------------------------- stories

    def create_story(self, title: str | None = None, story_id: int | None = None) -> int:
        with self._write() as c, c.begin():
            values = {"title": title, "updated_at": now()} | ({"id": story_id} if story_id is not None else {})
            new_id = c.execute(insert(stories).values(**values).returning(stories.c.id)).scalar_one()
            if story_id is not None and self.dialect == "postgresql":
                c.execute(text("SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT max(id) FROM stories))"))
            return new_id

    def add_to_story(self, story_id: int, report_ids: Iterable[int]) -> None:
        """Put reports in a story (a report already in another story moves)."""
        with self._write() as c, c.begin():
            _add_to_story(c, story_id, report_ids)

    def merge_stories(self, merged: int, into: int, reason: str) -> None:
        """Move every report of `merged` into `into`, drop `merged`, and log why."""
        with self._write() as c, c.begin():
            _merge_stories(c, merged, into, reason)
            _refresh_story(c, into)

    # ---------------------------------------------------------------- filing reports into stories

    def unfiled_profiles(self) -> list[FiledProfile]:
        """Profiles of reports in no story yet: those just stored, or left by a killed ingest."""
        return self._profiles(~report_profiles.c.report_id.in_(select(story_members.c.report_id)))

    def profiles_within(self, spans: list[tuple[int, int]] | None) -> list[FiledProfile]:
        """Profiles dated within the (first, last) day spans, and the undated ones; all when None."""
        if spans is None:
            return self._profiles(None)
        within = [report_profiles.c.day.between(first, last) for first, last in spans]
        return self._profiles(report_profiles.c.day.is_(None) | or_(*within) if within else report_profiles.c.day.is_(None))

    def profiles_of_stories(self, story_ids: Iterable[int]) -> list[FiledProfile]:
        return self._profiles(report_profiles.c.report_id.in_(
            select(story_members.c.report_id).where(story_members.c.story_id.in_(list(story_ids)))))

    def _profiles(self, where) -> list[FiledProfile]:
        sql = (select(reports.c.id, reports.c.key, story_members.c.story_id, report_profiles.c.profile,
                      report_versions.c.minhash)
               .join(reports, reports.c.id == report_profiles.c.report_id)
               .join(report_versions, report_versions.c.id == reports.c.current_version)
               .outerjoin(story_members, story_members.c.report_id == reports.c.id).order_by(reports.c.id))
        with self.engine.connect() as c:
            rows = c.execute(sql if where is None else sql.where(where)).all()
        return [FiledProfile(r.id, r.key, r.story_id, json.loads(r.profile), unpack_minhash(r.minhash)) for r in rows]

    def file_stories(self, groups: list[StoryGroup], copies: dict[int, int]) -> list[int]:
        """In one transaction: each group's stored stories merged (the merges logged), or a new
        story opened, its reports put in it, its title set; each copy linked to its original.
        A report some other ingest filed meanwhile stays where it is. The groups' story ids."""
        ids, moved = [], {}  # a story merged by an earlier group: where its reports are now
        try:
            with self._write() as c, c.begin():
                for group in groups:
                    stored = list(dict.fromkeys(_followed(moved, s) for s in group.stored))
                    story_id = stored[0] if stored else _new_story(c, group.title)
                    for merged in stored[1:]:
                        _merge_stories(c, merged, story_id, group.reason)
                        moved[merged] = story_id
                    filed = set(c.execute(select(story_members.c.report_id)
                                          .where(story_members.c.report_id.in_(group.reports))).scalars())
                    _add_to_story(c, story_id, [r for r in group.reports if r not in filed])
                    c.execute(update(stories).where(stories.c.id == story_id).values(title=group.title))
                    ids.append(story_id)
                for copy, original in copies.items():
                    c.execute(update(reports).where(reports.c.id == copy, reports.c.copy_of.is_(None))
                              .values(copy_of=original))
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.where}: {describe(exc)}") from None
        return ids

    def story_rows(self, since: str | None = None) -> list[dict]:
        """Every story with its counts (reports, outlets, independent sources: outlets, a copy
        counted under its original's), first and last publication, last update and the stories
        merged into it; last updated first."""
        outlet = func.lower(func.coalesce(report_versions.c.outlet, reports.c.key))
        sql = (select(stories.c.id, stories.c.title, stories.c.first_published, stories.c.last_published,
                      stories.c.updated_at, func.count(story_members.c.report_id).label("reports"),
                      func.count(outlet.distinct()).label("outlets"))
               .join(story_members, story_members.c.story_id == stories.c.id)
               .join(reports, reports.c.id == story_members.c.report_id)
               .join(report_versions, report_versions.c.id == reports.c.current_version)
               .group_by(stories.c.id).order_by(stories.c.updated_at.desc(), stories.c.id.desc()))
        if since:
            sql = sql.where(stories.c.last_published >= since)
        with self.engine.connect() as c:
            rows = [dict(r._mapping) for r in c.execute(sql)]
            members = c.execute(select(story_members.c.story_id, reports.c.id, reports.c.copy_of,
                                       report_versions.c.outlet)
                                .join(reports, reports.c.id == story_members.c.report_id)
                                .join(report_versions, report_versions.c.id == reports.c.current_version)).all()
            merges = c.execute(select(story_merges.c.into_story, story_merges.c.merged_story, story_merges.c.merged_at,
                                      story_merges.c.reason).order_by(story_merges.c.id)).all()
        by_story: dict[int, list] = {}
        for m in members:
            by_story.setdefault(m.story_id, []).append(m)
        for row in rows:
            row["copies"] = sum(1 for m in by_story[row["id"]] if m.copy_of is not None)
            row["independent_sources"] = _independent_sources(by_story[row["id"]])
            row["merges"] = [{"merged_story": m.merged_story, "merged_at": m.merged_at, "reason": m.reason}
                             for m in merges if m.into_story == row["id"]]
        return rows

    def story(self, story_id: int) -> dict:
        """The story's row, its reports (oldest stored first) and the merges into it.
        A story merged away raises StoreError naming the one that holds its reports now."""
        with self.engine.connect() as c:
            row = c.execute(select(stories).where(stories.c.id == story_id)).first()
            if row is None:
                into = c.execute(select(story_merges.c.into_story).where(story_merges.c.merged_story == story_id)
                                 .order_by(story_merges.c.id.desc())).scalar()
                hint = f": it was merged into story {into}" if into is not None else ""
                raise StoreError(f"{self.where}: no story {story_id}{hint}")
            members = list(c.execute(select(story_members.c.report_id).where(story_members.c.story_id == story_id)
                                     .order_by(story_members.c.report_id)).scalars())
            merges = [dict(m._mapping) for m in c.execute(
                select(story_merges.c.merged_story, story_merges.c.merged_title, story_merges.c.merged_at,
                       story_merges.c.reason).where(story_merges.c.into_story == story_id).order_by(story_merges.c.id))]
        return {**dict(row._mapping), "reports": members, "merges": merges}

    def story_ids(self) -> list[int]:
        with self.engine.connect() as c:
            return list(c.execute(select(stories.c.id).order_by(stories.c.id)).scalars())

    # ---------------------------------------------------------------- export / import

    def export_reports(self) -> Iterator[dict]:
        """Every report with every version (text, annotations, vectors), oldest first."""
        with self.engine.connect() as c:
            keys = dict(c.execute(select(reports.c.id, reports.c.key)).all())
            for report in c.execute(select(reports).order_by(reports.c.id)).all():
                rows = c.execute(select(report_versions).where(report_versions.c.report_id == report.id)
                                 .order_by(report_versions.c.number)).all()
                versions = [{
                    "number": v.number, "ingested_at": v.ingested_at, "annotator": v.annotator,
                    "article": json.loads(v.article) | {"text": v.text}, "vector_texts": json.loads(v.vector_texts),
                    "vectors": v.vectors, "minhash": v.minhash} for v in rows]
                profile = c.execute(select(report_profiles.c.profile).where(report_profiles.c.report_id == report.id)).scalar()
                yield {"key": report.key, "url": report.url, "first_seen": report.first_seen,
                       "copy_of": keys.get(report.copy_of), "versions": versions, "id": report.id,
                       "profile": json.loads(profile) if profile else None}

    def import_report(self, record: dict) -> str:
        """Store an exported report's versions not stored yet, with the story-index profile of its
        last version, so the next ingest files new reports against it: new | unchanged | updated."""
        found = "unchanged"
        try:
            with self._write() as c, c.begin():
                copy_of = c.execute(select(reports.c.id).where(reports.c.key == record["copy_of"])).scalar() \
                    if record.get("copy_of") else None
                for v in record["versions"]:
                    article = Article.from_dict(v["article"])
                    status = _status(c, record["key"], text_hash(article.text))
                    if status == "unchanged":
                        continue
                    found = "new" if status == "new" else "updated"
                    _insert(c, article, record["key"], text_hash(article.text), v["vector_texts"], v["vectors"],
                            v["minhash"], v["annotator"], copy_of, v["ingested_at"], status,
                            first_seen=record.get("first_seen"))
                if found != "unchanged" and record.get("profile"):
                    report_id = c.execute(select(reports.c.id).where(reports.c.key == record["key"])).scalar_one()
                    c.execute(report_profiles.delete().where(report_profiles.c.report_id == report_id))
                    c.execute(insert(report_profiles).values(report_id=report_id, day=record["profile"].get("day"),
                                                             profile=json.dumps(record["profile"], ensure_ascii=False)))
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.where}: {describe(exc)}") from None
        return found

    def export_stories(self) -> Iterator[dict]:
        for story_id in self.story_ids():
            story = self.story(story_id)
            with self.engine.connect() as c:
                keys = dict(c.execute(select(reports.c.id, reports.c.key).where(reports.c.id.in_(story["reports"]))).all())
            yield {**story, "reports": [keys[r] for r in story["reports"]]}

    def import_story(self, record: dict) -> int:
        """An exported story under its own id when that is free or holds the same title (importing
        twice adds nothing), else under a new id; with its reports and merge log."""
        with self.engine.connect() as c:
            title = c.execute(select(stories.c.title).where(stories.c.id == record["id"])).first()
        if title is None:
            story_id = self.create_story(record.get("title"), record["id"])
        else:
            story_id = record["id"] if title[0] == record.get("title") else self.create_story(record.get("title"))
        self.add_to_story(story_id, [r for r in map(self.report_id, record["reports"]) if r is not None])
        with self._write() as c, c.begin():
            logged = set(c.execute(select(story_merges.c.merged_story, story_merges.c.merged_at)
                                   .where(story_merges.c.into_story == story_id)).all())
            for m in record.get("merges", []):
                if (m["merged_story"], m["merged_at"]) not in logged:
                    c.execute(insert(story_merges).values(into_story=story_id, **m))
            c.execute(update(stories).where(stories.c.id == story_id).values(updated_at=record["updated_at"]))
        return story_id

    def report_id(self, key: str) -> int | None:
        with self.engine.connect() as c:
            return c.execute(select(reports.c.id).where(reports.c.key == key)).scalar()


def _status(c, key: str, digest: str) -> str:
    """A text seen before under this identity, in any version, adds nothing: ingesting an old
    copy of a page again is not an edit."""
    report_id = c.execute(select(reports.c.id).where(reports.c.key == key)).scalar()
    if report_id is None:
        return "new"
    digests = set(c.execute(select(report_versions.c.text_hash).where(report_versions.c.report_id == report_id)).scalars())
    return "unchanged" if digest in digests else "updated"


def _insert(c, article: Article, key: str, digest: str, vector_texts: list[str], vectors: bytes, minhash: bytes,
            annotator: str, copy_of: int | None, ingested_at: str, status: str, first_seen: str | None = None) -> int:
    if status == "new":
        report_id = c.execute(insert(reports).values(key=key, url=article.url, copy_of=copy_of,
                                                     first_seen=first_seen or ingested_at)
                              .returning(reports.c.id)).scalar_one()
        number = 1
    else:
        report_id = c.execute(select(reports.c.id).where(reports.c.key == key)).scalar_one()
        number = c.execute(select(func.max(report_versions.c.number)).where(report_versions.c.report_id == report_id)).scalar_one() + 1
    version_id = c.execute(insert(report_versions).values(
        report_id=report_id, number=number, text_hash=digest, ingested_at=ingested_at, annotator=annotator,
        article_id=article.id, source=article.source, title=article.title, outlet=article.outlet,
        published=article.published, text=article.text, article=article_json(article),
        vector_texts=json.dumps(vector_texts, ensure_ascii=False), vectors=vectors, minhash=minhash,
    ).returning(report_versions.c.id)).scalar_one()
    rows = [{"version_id": version_id, "position": i, "line": s.line, "start": s.start, "end": s.end, "text": s.text,
             "speakers": "; ".join(_speakers(article, s.start, s.end)) or None} for i, s in enumerate(article.sentences)]
    if rows:
        c.execute(insert(sentences), rows)
    c.execute(update(reports).where(reports.c.id == report_id).values(current_version=version_id))
    return report_id


def _speakers(article: Article, start: int, end: int) -> list[str]:
    return sorted({q.speaker for q in article.quotes if q.speaker and q.start < end and start < q.end})


def _add_to_story(c, story_id: int, report_ids: Iterable[int]) -> None:
    _story_row(c, story_id)
    for report_id in report_ids:
        if c.execute(select(story_members.c.story_id).where(story_members.c.report_id == report_id)).scalar() == story_id:
            continue
        c.execute(story_members.delete().where(story_members.c.report_id == report_id))
        c.execute(insert(story_members).values(report_id=report_id, story_id=story_id, added_at=now()))
    _refresh_story(c, story_id)


def _followed(moved: dict[int, int], story_id: int) -> int:
    while story_id in moved:
        story_id = moved[story_id]
    return story_id


def _new_story(c, title: str | None) -> int:
    values = {"title": title, "updated_at": now()}
    if c.dialect.name == "sqlite":
        # SQLite gives a new row the highest id plus one, reusing the id of a story just merged
        # away; an id the merge log names must never come back as another story
        values["id"] = 1 + max(c.execute(select(func.max(stories.c.id))).scalar() or 0,
                               c.execute(select(func.max(story_merges.c.merged_story))).scalar() or 0)
    return c.execute(insert(stories).values(**values).returning(stories.c.id)).scalar_one()


def _merge_stories(c, merged: int, into: int, reason: str) -> None:
    old = _story_row(c, merged)
    _story_row(c, into)
    c.execute(update(story_members).where(story_members.c.story_id == merged).values(story_id=into))
    c.execute(update(story_merges).where(story_merges.c.into_story == merged).values(into_story=into))
    c.execute(insert(story_merges).values(merged_story=merged, merged_title=old.title, into_story=into,
                                          merged_at=now(), reason=reason))
    c.execute(stories.delete().where(stories.c.id == merged))


def _independent_sources(members: list) -> int:
    """Outlets, counting a copy with its original's outlet: outlets that carry one agency's
    text are one source."""
    outlet = {m.id: (m.outlet or f"report {m.id}").lower() for m in members}
    return len({outlet.get(m.copy_of, f"report {m.copy_of}") if m.copy_of is not None else outlet[m.id]
                for m in members})


def _story_row(c, story_id: int):
    row = c.execute(select(stories).where(stories.c.id == story_id)).first()
    if row is None:
        raise StoreError(f"no story {story_id}")
    return row


def _refresh_story(c, story_id: int) -> None:
    """First and last publication dates of the story's reports, and when it last changed."""
    first, last = c.execute(
        select(func.min(report_versions.c.published), func.max(report_versions.c.published))
        .select_from(story_members.join(reports, reports.c.id == story_members.c.report_id)
                     .join(report_versions, report_versions.c.id == reports.c.current_version))
        .where(story_members.c.story_id == story_id)).one()
    c.execute(update(stories).where(stories.c.id == story_id).values(first_published=first, last_published=last,
                                                                     updated_at=now()))
