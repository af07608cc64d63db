"""The example stream clusters into exactly the stories it was written as, two earthquakes in
one country kept apart; copies are marked; `corroborate cluster` prints them as documented."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from corroborate.cluster import cluster

pytestmark = pytest.mark.slow
STREAM = Path(__file__).resolve().parents[2] / "examples" / "stream"

INTENDED = [
    {"coastal-wire-varden-quake.txt", "eastside-daily-varden-quake.txt", "valley-courier-varden-quake.txt",
     "harbour-gazette-varden-quake.txt"},
    {"coastal-wire-ostmark-quake.txt", "harbour-gazette-ostmark-quake.txt"},
    {"capital-times-holm-election.txt", "northern-post-holm-election.txt"},
    {"northern-post-dock-strike.txt", "capital-times-dock-strike.txt"},
    {"valley-courier-museum.txt"},
]


def test_example_stream_gives_the_intended_stories(stream_articles):
    stories = cluster(stream_articles)
    assert sorted(map(sorted, (set(s.articles) for s in stories))) == sorted(map(sorted, INTENDED))
    varden = next(s for s in stories if "coastal-wire-varden-quake.txt" in s.articles)
    assert varden.copies == [["coastal-wire-varden-quake.txt", "eastside-daily-varden-quake.txt"]]
    assert varden.outlets == ["Coastal Wire", "Eastside Daily", "Harbour Gazette", "The Valley Courier"]
    assert (varden.first_published, varden.last_published) == ("2025-03-03", "2025-03-05")
    assert all(not s.copies for s in stories if s is not varden)


def test_cluster_command_prints_every_report_once_and_names_bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "stories.json"
    result = subprocess.run([sys.executable, "-m", "corroborate", "cluster", str(STREAM), str(tmp_path / "empty.txt"),
                             "-o", str(out), "-q"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stderr
    assert f"{tmp_path / 'empty.txt'}: file is empty" in result.stderr and "Traceback" not in result.stderr
    data = json.loads(out.read_text())
    schema = json.loads((STREAM.parents[1] / "docs" / "stories.schema.json").read_text())
    jsonschema.validate(data, schema)
    ids = [a for s in data["stories"] for a in s["articles"]]
    assert sorted(ids) == sorted(p.name for p in STREAM.glob("*.txt"))
    assert data["errors"] == [{"source": str(tmp_path / "empty.txt"), "reason": "file is empty"}]
    ostmark = next(s for s in data["stories"] if "coastal-wire-ostmark-quake.txt" in s["articles"])
    assert ostmark["outlets"] == ["Coastal Wire", "Harbour Gazette"]
    assert ostmark["first_published"] == "2025-03-21" and ostmark["last_published"] == "2025-03-22"
    assert set(ostmark) == {"id", "title", "articles", "outlets", "first_published", "last_published", "copies"}
