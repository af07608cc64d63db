"""`corroborate serve`: the web pages and JSON API over the store."""
from __future__ import annotations

from .app import create_app
from .options import ServeOptions

__all__ = ["ServeOptions", "create_app"]
