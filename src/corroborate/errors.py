"""Errors that carry what a user needs to fix the input: which one, and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError:
    """One input that could not be read. Returned next to good articles, never raised."""

    source: str
    reason: str

    def __post_init__(self) -> None:
        # one line, whatever a file name or a library's message holds
        self.source = self.source.replace("\n", "\\n").replace("\r", "\\r")
        self.reason = " ".join(self.reason.split())[:500]

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}
