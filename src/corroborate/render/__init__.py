"""Render a Briefing as JSON, Markdown or one self-contained HTML page."""
from __future__ import annotations

from ..model import Briefing
from . import html, jsonout, markdown

FORMATS = {"json": jsonout.render, "md": markdown.render, "html": html.render}


def render(briefing: Briefing, fmt: str) -> str:
    return FORMATS[fmt](briefing)
