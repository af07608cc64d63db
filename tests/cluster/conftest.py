"""Annotated reports for the cluster tests: the example stream, and real reports of four
NewsWCL50 events (five outlets each), annotated once per run."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STREAM = ROOT / "examples" / "stream"
NEWSWCL50 = ROOT.parent / "shared" / "eval" / "newswcl50"


@pytest.fixture(scope="session")
def stream_articles():
    from corroborate.pipeline import annotated

    articles, errors = annotated([str(STREAM)])
    assert not errors
    return articles


@pytest.fixture(scope="session")
def mixed_articles(stream_articles):
    """The example stream mixed with four real events: 31 reports, 10 stories."""
    from corroborate.pipeline import annotated

    files = sorted(str(p) for event in range(4) for p in (NEWSWCL50 / f"event_{event}").glob("*.txt"))
    assert len(files) == 20, f"NewsWCL50 is expected in {NEWSWCL50}"
    articles, errors = annotated(files)
    assert not errors
    return stream_articles + articles
