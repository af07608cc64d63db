"""Report profiles: what the story index compares, kept so a new report is filed into a story
without parsing or embedding the stored ones again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_profiles",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("day", sa.Integer, index=True),
        sa.Column("profile", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("report_profiles")
