"""Annotation on several cores: the same reports, quotes and order as on one, streamed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corroborate.errors import InputError
from corroborate.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "story"


@pytest.mark.slow
def test_two_workers_write_what_one_writes(tmp_path):
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"articles-{workers}.jsonl"
        result = subprocess.run([sys.executable, "-m", "corroborate", "annotate", str(EXAMPLE), str(tmp_path / "missing.txt"),
                                 "--workers", workers, "-o", str(out), "-q"], capture_output=True, text=True, timeout=600)
        assert result.returncode == 1, result.stderr  # one input missing, the rest written
        assert f"{tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
    ids = [line.split('"id": "', 1)[1].split('"', 1)[0] for line in outputs[0].splitlines()]
    assert ids == sorted(p.name for p in EXAMPLE.iterdir())  # input order: the folder's sorted files
    assert '"speaker": "Ilse Varga"' in outputs[0]


@pytest.mark.slow
def test_errors_keep_their_place_and_a_failing_report_loses_only_itself(tmp_path, monkeypatch):
    from corroborate import workers

    first, second = tmp_path / "a.txt", tmp_path / "c.txt"
    first.write_text("Port reopens after storm\n\nThe harbour master, Ilse Varga, said the port would reopen on March 4, 2024, "
                     "after 212 ships had waited offshore.\n\n\"We are ready to sail again,\" Varga told reporters.\n")
    second.write_text("Ferry returns\n\n\"We are ready to sail again,\" the captain, Ana Ruiz, told reporters.\n")
    real = workers.annotate

    def annotate_but_not_c(articles, settings):
        if articles[0].id == "c.txt":
            raise IndexError("span out of range")
        return real(articles, settings)

    monkeypatch.setattr(workers, "annotate", annotate_but_not_c)
    results = list(workers.annotate_stream([str(first), str(tmp_path / "b.txt"), str(second)], workers=1))
    assert [type(r) for r in results] == [Article, InputError, InputError]
    assert results[0].id == "a.txt"
    assert [(q.speaker, q.kind) for q in results[0].quotes] == [("Ilse Varga", "indirect"), ("Ilse Varga", "direct")]
    assert [(v.kind, v.normalized) for v in results[0].values] == [("date", "2024-03-04"), ("quantity", 212)]
    assert results[1] == InputError(str(tmp_path / "b.txt"), "no such file or folder")
    assert results[2].source == str(second) and "could not be annotated (IndexError: span out of range)" in results[2].reason
