"""The first schema: reports with their versions, sentences with full-text search, stories.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("copy_of", sa.Integer, sa.ForeignKey("reports.id")),
        sa.Column("current_version", sa.Integer),
        sa.Column("first_seen", sa.Text, nullable=False),
    )
    op.create_table(
        "report_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text_hash", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.Text, nullable=False),
        sa.Column("annotator", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Text, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("article", sa.Text, nullable=False),
        sa.Column("vector_texts", sa.Text, nullable=False),
        sa.Column("vectors", sa.LargeBinary, nullable=False),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("report_id", "number"),
    )
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("report_versions.id"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speakers", sa.Text),
    )
    if op.get_bind().dialect.name == "sqlite":
        # FTS5 over sentences.text (external content: the text is stored once), kept in step by triggers
        op.execute("CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', "
                   "tokenize='porter unicode61')")
        op.execute("CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN "
                   "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END")
        op.execute("CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN "
                   "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
    else:
        op.execute("ALTER TABLE sentences ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED")
        op.execute("CREATE INDEX sentences_tsv ON sentences USING gin (tsv)")
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_published", sa.Text),
        sa.Column("last_published", sa.Text),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    op.create_table(
        "story_members",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False, index=True),
        sa.Column("added_at", sa.Text, nullable=False),
    )
    op.create_table(
        "story_merges",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("merged_story", sa.Integer, nullable=False),
        sa.Column("merged_title", sa.Text),
        sa.Column("into_story", sa.Integer, sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("merged_at", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("story_merges", "story_members", "stories", "sentences", "report_versions", "reports"):
        if table == "sentences" and op.get_bind().dialect.name == "sqlite":
            op.execute("DROP TABLE sentences_fts")
        op.drop_table(table)
