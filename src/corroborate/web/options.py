"""What the operator decides when starting the server: the write token, whether reads need it,
whether URLs may point at private addresses, and the upload limits."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class ServeOptions:
    token: str
    protect_reads: bool = False  # reads need the token too (header or the cookie set by /login)
    allow_private_urls: bool = False  # fetch URLs that resolve to loopback, private or link-local addresses
    max_file_bytes: int = 5 * MB  # one uploaded file or fetched page
    max_files: int = 20  # files and URLs in one request
    max_request_bytes: int = 40 * MB  # a whole request body
    page_size: int = 20
    max_page_size: int = 100


def token_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "corroborate" / "token"


def stored_or_new_token(path: Path | None = None) -> tuple[str, bool]:
    """The token kept from an earlier start, or a new one written (owner-only) for the next: (token, new)."""
    path = path or token_file()
    if path.is_file():
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token, False
    token = secrets.token_urlsafe(24)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    return token, True
