"""The tables, as SQLAlchemy Core sees them (the migrations in migrations/versions create them).

A report is one story as one outlet published it, known by its identity `key` (canonical URL,
else a hash of its normalised text); each text of it ever ingested is a version. Dates and
times are ISO 8601 text in UTC on both databases, so they sort and compare the same way.
"""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, MetaData, Table, Text, UniqueConstraint

# the newest migration; a database at another revision is upgraded (older) or refused (newer)
HEAD = "0002"

metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),  # "url:<canonical url>" or "text:<sha256 of normalised text>"
    Column("url", Text),
    Column("copy_of", Integer, ForeignKey("reports.id")),  # the earlier report whose copy this one carries
    Column("current_version", Integer),  # report_versions.id of the newest text
    Column("first_seen", Text, nullable=False),
)

report_versions = Table(
    "report_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),  # 1, 2, ... per report
    Column("text_hash", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
    Column("annotator", Text, nullable=False),  # corroborate version and models that annotated it
    Column("article_id", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Text, index=True),
    Column("text", Text, nullable=False),
    Column("article", Text, nullable=False),  # JSON: the Article without its text (lines, quotes, entities, ...)
    Column("vector_texts", Text, nullable=False),  # JSON list: the texts analysis embeds, one per vector row
    Column("vectors", LargeBinary, nullable=False),  # float16, row-major, len(vector_texts) x dim
    Column("minhash", LargeBinary, nullable=False),  # uint32 MinHash of the body's word 5-grams
    UniqueConstraint("report_id", "number"),
)

sentences = Table(
    "sentences", metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("report_versions.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speakers", Text),  # who is quoted in the sentence, "; "-separated
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text),
    Column("first_published", Text),
    Column("last_published", Text),
    Column("updated_at", Text, nullable=False),
)

story_members = Table(
    "story_members", metadata,
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),  # a report is in one story
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
    Column("added_at", Text, nullable=False),
)

story_merges = Table(
    "story_merges", metadata,
    Column("id", Integer, primary_key=True),
    Column("merged_story", Integer, nullable=False),  # gone: its reports moved into `into_story`
    Column("merged_title", Text),
    Column("into_story", Integer, ForeignKey("stories.id"), nullable=False),
    Column("merged_at", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

report_profiles = Table(
    "report_profiles", metadata,
    # what the story index compares (dates, names, figures, lead vector), so ingest files a new
    # report into a story without parsing or embedding the stored ones again
    Column("report_id", Integer, ForeignKey("reports.id"), primary_key=True),
    Column("day", Integer, index=True),  # days since 1970; the index looks only at a window of days
    Column("profile", Text, nullable=False),  # JSON, without the MinHash (the version's column holds it)
)
