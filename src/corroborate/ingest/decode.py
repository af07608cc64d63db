"""Bytes to text with a reason for every failure."""
from __future__ import annotations

import gzip
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError
from ..settings import Settings


def read_bytes(path: str, settings: Settings) -> bytes | InputError:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size == 0:
            return InputError(path, "file is empty")
        if size > settings.max_input_bytes:
            return InputError(path, f"file is {size / 1e6:.0f} MB, over the {settings.max_input_bytes / 1e6:.0f} MB limit per input")
        data = p.read_bytes()
    except OSError as exc:
        return InputError(path, f"cannot be read ({exc.strerror or exc})")
    if path.endswith(".gz") and not path.endswith((".warc.gz", ".arc.gz")):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            return InputError(path, f"is not valid gzip ({exc})")
    return data


def decode(source: str, data: bytes) -> str | InputError:
    """UTF-8 first (most of the web), then the best guess of charset_normalizer."""
    if not data.strip():
        return InputError(source, "holds no text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputError(source, "looks binary (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return InputError(source, "text encoding could not be detected (undecodable bytes)")
    return str(best)
