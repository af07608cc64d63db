"""Plain text: the text exactly as decoded; the cleaner finds title and body lines."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import decode


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    text = decode(source, data)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        yield InputError(source, "holds no text")
        return
    yield Article(id=Path(source).name, source=source, text=text, extra={"format": "text"})
