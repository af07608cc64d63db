"""Read-only queries the web pages need and the Store has no method for: stories with their
outlets and copies at a glance, what arrived since a time, who is quoted where. They read the
store's tables through its engine (SQLAlchemy Core, so SQLite and PostgreSQL alike)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select

from ..store import Store
from ..store.schema import report_versions, reports, sentences, stories, story_members
from ..store.search import matching

CURRENT = and_(reports.c.current_version == report_versions.c.id)
MEMBER_COLUMNS = (story_members.c.report_id, report_versions.c.number, report_versions.c.title, report_versions.c.outlet,
                  report_versions.c.published, reports.c.copy_of, story_members.c.added_at, report_versions.c.ingested_at)


@dataclass
class Member:
    report_id: int
    version: int
    title: str | None
    outlet: str | None
    published: str | None
    copy_of: int | None
    added_at: str
    ingested_at: str  # of the newest version


@dataclass
class StorySummary:
    id: int
    title: str | None
    first_published: str | None
    last_published: str | None
    updated_at: str
    members: list[Member] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet for m in self.members if m.outlet})

    @property
    def independent_sources(self) -> int:
        """Outlets, a report that copies another counted with its original's outlet."""
        by_id = {m.report_id: m for m in self.members}

        def root(m: Member) -> Member:
            seen = set()
            while m.copy_of in by_id and m.report_id not in seen:
                seen.add(m.report_id)
                m = by_id[m.copy_of]
            return m

        return len({root(m).outlet or f"report {root(m).report_id}" for m in self.members})

    @property
    def display_title(self) -> str:
        titled = [m for m in self.members if m.title]
        return self.title or (min(titled, key=lambda m: m.report_id).title if titled else f"Story {self.id}")

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.display_title, "reports": len(self.members), "outlets": self.outlets,
                "independent_sources": self.independent_sources, "first_published": self.first_published,
                "last_published": self.last_published, "updated_at": self.updated_at}


def story_filter(store: Store, since: str | None, outlet: str | None, person: str | None, query: str | None):
    """The ids of stories matching every filter, as a select (None: nothing can match)."""
    current = story_members.join(reports, reports.c.id == story_members.c.report_id).join(report_versions, CURRENT)
    with_sentences = current.join(sentences, sentences.c.version_id == report_versions.c.id)
    sql = select(stories.c.id)
    if since:
        sql = sql.where(or_(stories.c.last_published >= since, stories.c.updated_at >= since))
    if outlet:
        sql = sql.where(stories.c.id.in_(select(story_members.c.story_id).select_from(current)
                                         .where(func.lower(report_versions.c.outlet) == outlet.lower())))
    if person:
        sql = sql.where(stories.c.id.in_(select(story_members.c.story_id).select_from(with_sentences)
                                         .where(sentences.c.speakers.like(f"%{escape_like(person)}%", escape="\\"))))
    if query:
        found = matching(store.dialect, query)
        if found is None:
            return None
        sql = sql.where(stories.c.id.in_(select(story_members.c.story_id).select_from(with_sentences).where(found)))
    return sql


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_stories(store: Store, offset: int, limit: int, since: str | None = None, outlet: str | None = None,
                 person: str | None = None, query: str | None = None) -> tuple[int, list[StorySummary]]:
    """Stories newest first (last update, then id): (how many match, this page of them)."""
    ids = story_filter(store, since, outlet, person, query)
    if ids is None:
        return 0, []
    with store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(ids.subquery())).scalar_one()
        rows = c.execute(select(stories).where(stories.c.id.in_(ids))
                         .order_by(stories.c.updated_at.desc(), stories.c.id.desc()).offset(offset).limit(limit)).all()
    return total, summaries(store, rows)


def summaries(store: Store, rows) -> list[StorySummary]:
    found = [StorySummary(r.id, r.title, r.first_published, r.last_published, r.updated_at) for r in rows]
    by_id = {s.id: s for s in found}
    if not by_id:
        return found
    with store.engine.connect() as c:
        for m in c.execute(select(story_members.c.story_id, *MEMBER_COLUMNS)
                           .select_from(story_members.join(reports, reports.c.id == story_members.c.report_id)
                                        .join(report_versions, CURRENT))
                           .where(story_members.c.story_id.in_(list(by_id))).order_by(reports.c.id)):
            by_id[m[0]].members.append(Member(*m[1:]))
    return found


def story_summary(store: Store, story_id: int) -> StorySummary | None:
    """One story and its members in one query: every story page view asks for it."""
    with store.engine.connect() as c:
        rows = c.execute(select(stories, *MEMBER_COLUMNS)
                         .select_from(stories.outerjoin(story_members, story_members.c.story_id == stories.c.id)
                                      .outerjoin(reports, reports.c.id == story_members.c.report_id)
                                      .outerjoin(report_versions, CURRENT))
                         .where(stories.c.id == story_id).order_by(reports.c.id)).all()
    if not rows:
        return None
    r = rows[0]
    return StorySummary(r.id, r.title, r.first_published, r.last_published, r.updated_at,
                        [Member(*row[-len(MEMBER_COLUMNS):]) for row in rows if row.report_id is not None])


def generation(store: Store) -> tuple:
    """Changes whenever a story or a report version is added or changed: the key of cached lists."""
    with store.engine.connect() as c:
        return tuple(c.execute(select(select(func.max(stories.c.updated_at)).scalar_subquery(),
                                      select(func.count()).select_from(stories).scalar_subquery(),
                                      select(func.max(report_versions.c.id)).scalar_subquery())).one())


def version_key(summary: StorySummary) -> tuple:
    """Changes whenever a report joins, leaves or gets a new version: the key of a cached briefing."""
    return (summary.id, summary.title, tuple((m.report_id, m.version) for m in summary.members))


def stories_of(store: Store, report_ids: list[int]) -> dict[int, int]:
    """report id -> story id, for the reports that are in a story."""
    with store.engine.connect() as c:
        return dict(c.execute(select(story_members.c.report_id, story_members.c.story_id)
                              .where(story_members.c.report_id.in_(report_ids))).all())


def report_rows(store: Store, offset: int, limit: int) -> tuple[int, list[dict]]:
    """Stored reports, newest stored first."""
    with store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(reports)).scalar_one()
        rows = c.execute(select(reports.c.id, report_versions.c.number, report_versions.c.article_id, report_versions.c.title,
                                report_versions.c.outlet, report_versions.c.published, reports.c.url, story_members.c.story_id)
                         .select_from(reports.join(report_versions, CURRENT)
                                      .outerjoin(story_members, story_members.c.report_id == reports.c.id))
                         .order_by(reports.c.id.desc()).offset(offset).limit(limit)).all()
    return total, [{"id": r.id, "version": r.number, "article_id": r.article_id, "title": r.title, "outlet": r.outlet,
                    "published": r.published, "url": r.url, "story": r.story_id} for r in rows]


def speakers(store: Store) -> list[tuple[str, int, int]]:
    """Everyone quoted in the newest versions: (name, quoted sentences, reports), most quoted first."""
    counts: dict[str, list] = defaultdict(lambda: [0, set()])
    with store.engine.connect() as c:
        for value, report_id in c.execute(select(sentences.c.speakers, reports.c.id)
                                          .select_from(sentences.join(report_versions, report_versions.c.id == sentences.c.version_id)
                                                       .join(reports, CURRENT))
                                          .where(sentences.c.speakers.is_not(None))):
            for name in value.split("; "):
                counts[name][0] += 1
                counts[name][1].add(report_id)
    return sorted(((n, q, len(r)) for n, (q, r) in counts.items()), key=lambda x: (-x[1], x[0]))


def quoted(store: Store, name: str, offset: int, limit: int) -> tuple[int, list[dict]]:
    """The sentences in which `name` is quoted, with their report, outlet and story, newest first."""
    sql = (select(sentences.c.text, sentences.c.line, sentences.c.start, sentences.c.speakers, reports.c.id.label("report_id"),
                  report_versions.c.outlet, report_versions.c.title, report_versions.c.published, story_members.c.story_id)
           .select_from(sentences.join(report_versions, report_versions.c.id == sentences.c.version_id).join(reports, CURRENT)
                        .outerjoin(story_members, story_members.c.report_id == reports.c.id))
           .where(sentences.c.speakers.like(f"%{escape_like(name)}%", escape="\\"))
           .order_by(report_versions.c.published.desc().nulls_last(), reports.c.id, sentences.c.position))
    with store.engine.connect() as c:
        rows = [r for r in c.execute(sql) if name in r.speakers.split("; ")]
    return len(rows), [{"sentence": r.text.strip(), "line": r.line, "start": r.start, "report": r.report_id,
                        "outlet": r.outlet, "title": r.title, "published": r.published, "story": r.story_id}
                       for r in rows[offset:offset + limit]]


def without_story(store: Store) -> list[int]:
    """Reports no story holds, oldest first."""
    with store.engine.connect() as c:
        return list(c.execute(select(reports.c.id).where(reports.c.id.not_in(select(story_members.c.report_id)))
                              .order_by(reports.c.id)).scalars())
