"""docs/limits.md names every input limit of Settings with its default."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from corroborate.settings import Settings

LIMITS = (Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text()
LIMIT_FIELDS = ["max_input_bytes", "url_timeout", "url_deadline", "max_report_chars", "max_line_chars", "max_quotes_per_report",
                "max_json_depth"]


def shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.0f} s"
    return f"{value // 2**20} MB" if value >= 2**20 else f"{value:,}"


def test_every_limit_is_documented_with_its_default():
    defaults = {f.name: f.default for f in fields(Settings)}
    for name in LIMIT_FIELDS:
        assert f"`{name}` ({shown(defaults[name])})" in LIMITS, name
