"""corroborate: what many reports of one story actually say, who says it, and where they disagree."""
from __future__ import annotations

__version__ = "0.1.0"
