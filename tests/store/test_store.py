"""The store on SQLite and PostgreSQL: identity, versions, copies, search, stories, export, briefing."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from corroborate import nlp
from corroborate.archive import ingest_inputs, stored_briefing, store_report
from corroborate.filing import file_unfiled
from corroborate.model import Article
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.exchange import export_lines, import_lines

pytestmark = pytest.mark.slow
SHARED = Path(__file__).resolve().parents[3] / "shared"
SETTINGS = Settings()


def stored(db_url: str, articles: list[Article]) -> tuple[Store, list[int]]:
    store = Store(db_url)
    return store, [store_report(store, copy.deepcopy(a), SETTINGS)[0] for a in articles]


def test_an_article_survives_the_trip_to_json_and_back(annotated_seeds):
    for article in annotated_seeds:
        data = json.loads(json.dumps(asdict(article)))
        assert Article.from_dict(data) == article
    assert sum(len(a.quotes) for a in annotated_seeds) > 20  # the trip carried real annotations


def test_the_same_inputs_again_add_nothing(db_url, annotated_seeds, seed_files):
    store, ids = stored(db_url, annotated_seeds)
    assert sorted(ids) == [1, 2, 3, 4, 5]
    file_unfiled(store, SETTINGS)  # as ingest does after storing a batch
    before = store.counts()
    counts, errors = ingest_inputs(seed_files, store, SETTINGS)  # read again: recognised before any parsing
    assert counts == {"unchanged": 5} and not errors
    assert store.counts() == before
    assert before["reports"] == before["report_versions"] == 5
    assert before["sentences"] == sum(len(a.sentences) for a in annotated_seeds)
    store.close()


def test_an_edited_report_is_a_new_version_and_the_edit_shows(db_url, tmp_path):
    first = ('Ferry runs aground off Kessel Point\n'
             'A ferry carrying 212 passengers ran aground on Thursday, the coast guard said.\n'
             '"Everyone is safe," coast guard spokeswoman Ilse Varga said.\n')
    edited = first.replace("212", "226").replace("Everyone is safe", "Everyone was brought ashore")
    for name, text in (("v1.jsonl", first), ("v2.jsonl", edited)):
        # the same page, fetched twice: the second URL differs only in tracking parameters and fragment
        url = "https://example.org/news/ferry" + ("?utm_source=feed#top" if name == "v2.jsonl" else "")
        (tmp_path / name).write_text(json.dumps({"url": url, "title": "Ferry runs aground", "text": text}) + "\n")
    with Store(db_url) as store:
        assert ingest_inputs([str(tmp_path / "v1.jsonl")], store, SETTINGS)[0] == {"new": 1}
        assert ingest_inputs([str(tmp_path / "v2.jsonl")], store, SETTINGS)[0] == {"updated": 1}
        assert ingest_inputs([str(tmp_path / "v1.jsonl"), str(tmp_path / "v2.jsonl")], store, SETTINGS)[0] == {"unchanged": 2}
        assert store.counts()["reports"] == 1 and store.counts()["report_versions"] == 2
        old, new = store.versions(1)
        assert "212" in old.text and "226" in new.text  # the old text is kept
        assert store.reports([1])[0].article.text == new.text
        change = store.history(1)[0]["changes"]
        assert change["figures"]["removed"] == ["212 passengers"] and change["figures"]["added"] == ["226 passengers"]
        assert change["quotes"]["removed"] == ["Ilse Varga: everyone is safe",
                                               "coast guard: a ferry carrying 212 passengers ran aground on thursday"]
        assert change["quotes"]["added"] == ["Ilse Varga: everyone was brought ashore",
                                             "coast guard: a ferry carrying 226 passengers ran aground on thursday"]
        exported = json.loads(list(export_lines(store))[1])
        assert ["212" in v["article"]["text"] for v in exported["versions"]] == [True, False]
        assert exported["history"] == [{"version": 2, "changes": change}]
        hits = store.search("passengers aground")
        assert [(h.report_id, h.version) for h in hits] == [(1, 2)]  # only the newest text is searched
        assert "226" in hits[0].sentence


def test_a_repost_is_stored_and_linked_to_its_original(db_url, tmp_path, seed_files):
    original = Path(seed_files[0]).read_text(encoding="utf-8")
    (tmp_path / "a-original.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b-repost.txt").write_text("Reposted from our partners\n" + original + "\nShare this story\n", encoding="utf-8")
    with Store(db_url) as store:
        counts, _ = ingest_inputs([str(tmp_path)], store, SETTINGS)
        assert counts == {"new": 2}
        original_report, repost = store.reports([1, 2])
        assert original_report.article.id == "a-original.txt" and original_report.copy_of is None
        assert repost.article.id == "b-repost.txt" and repost.copy_of == 1


def test_search_finds_the_sentence_its_speaker_and_its_report(db_url, annotated_seeds):
    store, _ = stored(db_url, annotated_seeds)
    quote = next(q for a in annotated_seeds for q in a.quotes if q.kind == "direct" and q.speaker and len(q.text.split()) > 6)
    words = [w for w in quote.text.split() if len(w) > 4 and w.isalpha()][:3]
    hits = store.search(" ".join(words))
    article = next(a for a in annotated_seeds if a.id == quote.article)
    hit = next(h for h in hits if h.article_id == quote.article and h.line == quote.line)
    assert all(w.lower() in hit.sentence.lower() for w in words)
    assert quote.speaker in hit.speakers
    assert (hit.outlet, hit.title, hit.published) == (article.outlet, article.title, article.published)
    assert store.search("the of and") == []  # no content word: nothing, on both databases
    assert store.search('zzqx "AND" OR NEAR(') == []  # the user's words are never query syntax
    store.close()


def test_a_stored_story_is_briefed_without_spacy_or_the_encoder(db_url, annotated_seeds, monkeypatch, tmp_path, gold):
    store, ids = stored(db_url, annotated_seeds)
    story = store.create_story("Seed story")
    store.add_to_story(story, ids)
    row = store.story(story)
    assert row["reports"] == ids and row["title"] == "Seed story"
    assert row["first_published"] == min(a.published for a in annotated_seeds if a.published)

    def forbidden(*_):
        raise AssertionError("a stored briefing must not load a model")

    nlp.forget_vectors()
    monkeypatch.setattr(nlp, "sentence_encoder", forbidden)
    monkeypatch.setattr(nlp, "spacy_pipeline", forbidden)
    briefing = stored_briefing(store, store.story(story)["reports"], SETTINGS)
    monkeypatch.undo()
    from corroborate.render.jsonout import render

    path = tmp_path / "brief.json"
    path.write_text(render(briefing), encoding="utf-8")
    scores = json.loads(subprocess.run([sys.executable, str(SHARED / "tools" / "score_seeds.py"), str(path),
                                        str(SHARED / "seeds" / "seeds.gold.json")], capture_output=True, text=True,
                                       check=True).stdout)
    assert scores["statements_found"] == "7/7" and scores["discrepancies_found"] == "4/4", scores
    assert scores["central_claim_ok"] is True and scores["statement_merges"] == 0
    store.close()


def test_merged_stories_keep_their_reports_and_a_log(db_url, annotated_seeds):
    store, ids = stored(db_url, annotated_seeds[:3])
    a, b = store.create_story("Ferry aground"), store.create_story("Union blames fog rules")
    store.add_to_story(a, ids[:2])
    store.add_to_story(b, ids[2:])
    store.merge_stories(b, a, reason="same event: shared names and dates")
    merged = store.story(a)
    assert merged["reports"] == ids
    assert merged["merges"][0]["merged_story"] == b and merged["merges"][0]["reason"] == "same event: shared names and dates"
    with pytest.raises(Exception, match=f"no story {b}: it was merged into story {a}"):
        store.story(b)
    store.close()


def test_export_then_ingest_gives_the_same_reports_quotes_and_stories(db_url, annotated_seeds, tmp_path):
    store, ids = stored(db_url, annotated_seeds)
    story = store.create_story("Seed story")
    store.add_to_story(story, ids[:4])
    exported = list(export_lines(store))
    store.close()
    with Store(str(tmp_path / "copy.db")) as again:
        counts = import_lines(again, iter(exported))
        assert counts == {"new": 5, "stories": 1}
        assert import_lines(again, iter(exported))["unchanged"] == 5  # idempotent too
        assert list(export_lines(again))[:6] == exported[:6]  # header and every report, byte for byte
        restored = again.story(story)
        assert [again.reports([r])[0].article for r in restored["reports"]] == annotated_seeds[:4]
        assert restored["title"] == "Seed story"


@pytest.mark.parametrize("problem", ["newer schema", "corrupt file", "folder", "foreign tables"])
def test_a_bad_sqlite_database_is_refused_in_one_line_and_left_untouched(tmp_path, problem):
    import sqlite3

    path = tmp_path / "bad.db"
    if problem == "newer schema":
        Store(str(path)).close()
        with sqlite3.connect(path) as c:
            c.execute("UPDATE alembic_version SET version_num = '9999'")
        with sqlite3.connect(path) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the update into the file itself, to compare its bytes
    elif problem == "corrupt file":
        path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    elif problem == "folder":
        path.mkdir()
    else:
        with sqlite3.connect(path) as c:
            c.execute("CREATE TABLE invoices (id INTEGER)")
    before = path.read_bytes() if path.is_file() else None
    result = subprocess.run([sys.executable, "-m", "corroborate", "search", "ferry", "--db", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and str(path) in result.stderr, result.stderr
    expected = {"newer schema": "written by a newer corroborate", "corrupt file": "not a corroborate database",
                "folder": "is a folder", "foreign tables": "tables that are not corroborate's"}[problem]
    assert expected in result.stderr
    if before is not None:
        assert path.read_bytes() == before


def test_a_newer_postgresql_schema_is_refused(pg_url):
    db_url = pg_url
    from sqlalchemy import create_engine, text

    Store(db_url).close()
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(Exception, match="written by a newer corroborate"):
        Store(db_url)


def test_an_unreachable_postgresql_server_is_one_line(postgres_server):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    url = f"postgresql://corroborate@127.0.0.1:{port}/news"
    result = subprocess.run([sys.executable, "-m", "corroborate", "search", "ferry", "--db", url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot reach the PostgreSQL server" in result.stderr
