"""The example stream clusters into exactly the stories it was written as, two earthquakes in
one country kept apart; copies are marked; `corroborate cluster` prints them as documented."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pathlib import Path

from corroborate.cluster import StoryIndex, cluster

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


def test_a_report_that_shows_two_stories_are_one_event_merges_them_on_record(stream_articles):
    by_id = {a.id: a for a in stream_articles}
    index = StoryIndex()
    # the Courier's and the Gazette's follow-ups share names but little wording: two stories at first
    first = index.add([by_id["valley-courier-varden-quake.txt"], by_id["harbour-gazette-varden-quake.txt"]])
    assert len(set(first.stories.values())) == 2 and not first.merges
    # the first wire report tells the event both follow up on
    second = index.add([by_id["coastal-wire-varden-quake.txt"]])
    assert len(second.merges) == 1
    merge = second.merges[0]
    assert merge.by == "coastal-wire-varden-quake.txt"
    assert {merge.into, merge.merged} == set(first.stories.values())
    assert index.merges == [merge]
    assert len({index.story_of[k] for k in by_id if "varden" in k and k in index.story_of}) == 1


def test_cluster_command_prints_every_report_once_and_names_bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "stories.json"
    result = subprocess.run([sys.executable, "-m", "corroborate", "cluster", str(STREAM), str(tmp_path / "empty.txt"),
                             "-o", str(out), "-q"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stderr
    assert f"{tmp_path / 'empty.txt'}: file is empty" in result.stderr and "Traceback" not in result.stderr
    data = json.loads(out.read_text())
    ids = [a for s in data["stories"] for a in s["articles"]]
    assert sorted(ids) == sorted(p.name for p in STREAM.glob("*.txt"))
    assert data["errors"] == [{"source": str(tmp_path / "empty.txt"), "reason": "file is empty"}]
    ostmark = next(s for s in data["stories"] if "coastal-wire-ostmark-quake.txt" in s["articles"])
    assert ostmark["outlets"] == ["Coastal Wire", "Harbour Gazette"]
    assert ostmark["first_published"] == "2025-03-21" and ostmark["last_published"] == "2025-03-22"
    assert set(ostmark) == {"id", "title", "articles", "outlets", "first_published", "last_published", "copies"}
