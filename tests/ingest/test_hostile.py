"""Hostile and broken inputs at the ingest boundary: each gets one line naming it and the problem,
the good inputs beside it are still read, no input opens a file the user did not name, and no
input is read past the limits of Settings however it is encoded or compressed."""
from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import threading
import time
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate import ingest
from corroborate.errors import InputError
from corroborate.model import Article
from corroborate.render.jsonout import article_line
from corroborate.settings import Settings

GOOD = {"id": "good", "text": 'Port reopens after storm\n\n"The port is open again," harbour master Ann Lee said on Monday.'}
PAGE = ("<html><head><title>Bridge reopens</title></head><body><article><p>The bridge over the Arden reopened on "
        "Thursday after three months of repairs, the city said.</p></article></body></html>")


def read_all(*inputs: str, settings: Settings | None = None, **options):
    results = list(ingest.read(list(inputs), settings, **options))
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, InputError)]


def jsonl(path: Path, *lines: str) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


# 1: wrong field types in a record lose that record only, named with its line and field
@pytest.mark.parametrize("field, value, reason", [
    ("authors", 42, "field 'authors' must be a list of names or one string of names (got int)"),
    ("authors", {"Ann Lee": 1}, "field 'authors' must be a list of names or one string of names (got dict)"),
    ("published", 12345, "field 'published' must be a date as a string (2022-02-15) (got int)"),
    ("published", {}, "field 'published' must be a date as a string (2022-02-15) (got dict)"),
    ("title", 42, "field 'title' must be a string (got int)"),
    ("title", {}, "field 'title' must be a string (got dict)"),
    ("html", {"body": "<p>x</p>"}, "field 'html' must be a string (got dict)"),
    ("text", ["a", "b"], "field 'text' must be a string (got list)"),
])
def test_a_record_with_a_wrong_type_is_named_and_the_others_read(tmp_path, field, value, reason):
    bad = {"id": "bad", "text": "Hi. \"Yes,\" said Ann Lee.", field: value}
    path = jsonl(tmp_path / "a.jsonl", json.dumps(GOOD), json.dumps(bad))
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good"]
    assert [str(e) for e in errors] == [f"{path}:2: {reason}"]


def test_huge_numbers_and_deep_nesting_are_one_line_each(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", "[" * 100_000, '{"id": "n", "text": "x y", "count": ' + "9" * 5000 + "}",
                 '{"id": "d", "text": "x y", "deep": ' + "[" * 100 + "]" * 100 + "}", json.dumps(GOOD))
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["n", "good"]
    assert articles[0].extra["count"] == "9" * 5000  # kept as its digits: no number Python refuses to print
    assert [(e.source, e.reason) for e in errors] == [(f"{path}:1", "not valid JSON (nested too deeply)"),
                                                      (f"{path}:3", "nested deeper than 32 levels")]


# 2: a feed is parsed from its bytes: a body naming a local file never opens it
SECRET = "the contents of a private local file"
PRIVATE_FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Private</title>
<item><title>Private</title><description>{SECRET}</description></item></channel></rss>"""


def test_a_feed_naming_a_local_file_never_reads_it(tmp_path):
    secret = tmp_path / "private.xml"
    secret.write_text(PRIVATE_FEED)
    feed = tmp_path / "news.rss"
    feed.write_text(str(secret))
    articles, errors = read_all(str(feed))
    assert not articles
    assert len(errors) == 1 and SECRET not in str(errors[0])


def serve(routes: dict[str, tuple[str, bytes]], trickle: bool = False):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            ctype, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.end_headers()
            try:
                if trickle:  # one byte at a time, for ever: each read is quick, the whole never ends
                    while True:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.05)
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_a_feed_url_naming_a_local_file_never_reads_it(tmp_path):
    secret = tmp_path / "private.xml"
    secret.write_text(PRIVATE_FEED)
    server, base = serve({"/feed": ("application/rss+xml", str(secret).encode())})
    try:
        articles, errors = read_all(f"{base}/feed")
    finally:
        server.shutdown()
    assert not articles and SECRET not in str(errors[0])


# 3: compressed inputs are capped after decompression, streamed
def gz_of(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=1)


def test_gzipped_text_is_capped_after_decompression(tmp_path):
    path = tmp_path / "report.txt.gz"
    path.write_bytes(gz_of(b"The council met on Monday and approved the budget.\n" * 100_000))  # 5 MB of text
    articles, errors = read_all(str(path), settings=Settings(max_input_bytes=1_000_000))
    assert not articles
    assert [e.reason for e in errors] == ["expands to more than 1 MB, over the limit per input"]


def warc_bytes(pages: list[tuple[str, bytes]], compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
    return buffer.getvalue()


def test_a_warc_gz_bomb_is_stopped_at_the_cap(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([("https://x.example/bomb", b"<html><body><p>" + b" " * 5_000_000 + b"</p></body></html>")]))
    articles, errors = read_all(str(path), settings=Settings(max_input_bytes=1_000_000))
    assert not articles
    assert [e.reason for e in errors] == ["expands to more than 1 MB, over the limit per input"]


# 4: a deadline over the whole fetch, not over each read
def test_a_server_trickling_bytes_is_cut_at_the_deadline():
    server, base = serve({"/slow": ("text/html", b"")}, trickle=True)
    results: list = []
    worker = threading.Thread(target=lambda: results.extend(ingest.read([f"{base}/slow"], Settings(url_timeout=5, url_deadline=1))),
                              daemon=True)
    worker.start()
    worker.join(30)
    server.shutdown()
    assert not worker.is_alive(), "the fetch did not stop at its deadline"
    assert [str(r) for r in results] == [f"{base}/slow: not fetched within 1 s, the limit per URL"]


# 5 and 7: quotes, characters per line and per report are capped, the report cut at a line
def test_a_page_of_ten_thousand_quotes_is_cut_at_the_quote_limit(tmp_path):
    path = tmp_path / "quotes.html"
    paragraphs = "".join(f'<p>"We will rebuild bridge {i} by spring," said Ann Lee.</p>' for i in range(10_000))
    path.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    articles, errors = read_all(str(path))
    limit = Settings().max_quotes_per_report
    assert articles[0].text.count('"') // 2 == limit
    assert [e.reason for e in errors] == [f"more than {limit:,} quotes, the limit per report: read up to line {limit}, the rest left out"]


def test_an_overlong_line_ends_the_report_before_it(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("Port reopens after storm\n\nThe port reopened on Monday.\n" + "word " * 10_000 + "\nLast line.\n")
    articles, errors = read_all(str(path), settings=Settings(max_line_chars=20_000))
    assert articles[0].text == "Port reopens after storm\n\nThe port reopened on Monday.\n"
    assert errors[0].reason == "a line is over the 20,000 character limit per line: read up to line 3, the rest left out"


def test_a_single_overlong_line_is_one_error(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("word " * 10_000)
    articles, errors = read_all(str(path), settings=Settings(max_line_chars=20_000))
    assert not articles and errors[0].reason == "a line is over the 20,000 character limit per line"


def test_an_overlong_report_is_cut_at_a_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The port reopened on Monday, officials said.\n" * 1000)
    articles, errors = read_all(str(path), settings=Settings(max_report_chars=4500))
    assert articles[0].text == "The port reopened on Monday, officials said.\n" * 100
    assert "over the 4,500 character limit per report: read up to line 100" in errors[0].reason


# 6: the output is never read back as an input
def test_the_output_inside_an_input_folder_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("Port reopens after storm\n\nThe port reopened on Monday.")
    (tmp_path / "briefing.json").write_text(json.dumps({"text": "Bottom line\n\nEverything was confirmed."}))
    articles, errors = read_all(str(tmp_path), outputs=[str(tmp_path / "briefing.json")])
    assert [a.id for a in articles] == ["a.txt"] and not errors


# 8: JSON Lines records end at "\n" only
def test_line_separators_inside_jsonl_strings_do_not_cut_records(tmp_path):
    text = "Port reopens\u2028after storm\n\nThe port reopened\x85on Monday."
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    articles, errors = read_all(str(path))
    assert not errors and articles[0].text == text


# 9: a cut WARC says so; an unreadable subfolder is named
def test_an_uncompressed_warc_cut_mid_record_says_so(tmp_path):
    data = warc_bytes([("https://x.example/1", PAGE.encode()), ("https://x.example/2", PAGE.encode())], compress=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 150])
    articles, errors = read_all(str(path))
    assert [a.id for a in articles] == ["https://x.example/1"]
    assert [e.reason for e in errors] == ["WARC is truncated: its last record is incomplete (read 1 pages before it)"]


def test_an_unreadable_subfolder_is_named(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Hidden report\n\nNothing to see.")
    (tmp_path / "a.txt").write_text("Port reopens after storm\n\nThe port reopened on Monday.")
    locked = str(tmp_path / "locked")
    os.chmod(locked, 0)
    if os.geteuid() == 0:  # root reads any folder: refuse this one as the file system would
        listdir, scandir = os.listdir, os.scandir

        def refuse(path=".", real=listdir):
            if str(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "listdir", refuse)
        monkeypatch.setattr(os, "scandir", lambda path=".": refuse(path, scandir))
    try:
        articles, errors = read_all(str(tmp_path))
    finally:
        os.chmod(locked, 0o755)
    assert [a.id for a in articles] == ["a.txt"]
    assert [(e.source, e.reason) for e in errors] == [(locked, "folder cannot be read (Permission denied)")]


# 10: encodings
@pytest.mark.parametrize("name, data, text", [
    ("latin1.txt", "Le café naïve\n\nUne phrase très simple à lire.\n".encode("latin-1"), "Le café naïve\n\nUne phrase très simple à lire.\n"),
    ("cp1252.txt", "“Naïve” café — déjà vu\n\nÜber Straße.\n".encode("cp1252"), "“Naïve” café — déjà vu\n\nÜber Straße.\n"),
    ("mixed.txt", "Le café naïve\n".encode() + "Une phrase très simple à lire.\n".encode("latin-1"), "Le café naïve\nUne phrase très simple à lire.\n"),
    ("utf16.txt", "Storm closes the port\n\nThe port closed on Monday.\n".encode("utf-16-le"), "Storm closes the port\n\nThe port closed on Monday.\n"),
    ("utf16be.txt", "Storm closes the port\n\nThe port closed on Monday.\n".encode("utf-16-be"), "Storm closes the port\n\nThe port closed on Monday.\n"),
    ("nul.txt", b"Storm closes the port\n\nThe port closed\x00 on Monday.\n", "Storm closes the port\n\nThe port closed\x00 on Monday.\n"),
])
def test_western_and_utf16_text_is_decoded_right(tmp_path, name, data, text):
    path = tmp_path / name
    path.write_bytes(data)
    articles, errors = read_all(str(path))
    assert not errors and articles[0].text == text


def test_central_european_text_still_reads_as_such(tmp_path):
    text = ("Rząd ogłosił w poniedziałek, że most na Wiśle zostanie zamknięty do końca miesiąca.\n"
            "Według ministra infrastruktury naprawy potrwają co najmniej trzy tygodnie, a koszt wyniesie około dwóch "
            "milionów złotych.\nMieszkańcy Warszawy skarżą się na korki, które już teraz są większe niż zwykle.\n"
            "„To jest dla nas ogromny problem”, powiedziała jedna z mieszkanek Pragi.\n")
    path = tmp_path / "pl.txt"
    path.write_bytes(text.encode("cp1250"))
    articles, _ = read_all(str(path))
    assert articles[0].text == text


# 11: strict JSON out; a bad record in a list loses that record only
def test_non_finite_numbers_never_reach_the_output(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", '{"id": "a", "text": "x y", "score": NaN, "big": 1e999, "low": -Infinity}')
    articles, _ = read_all(path)

    def refuse(name):
        raise ValueError(name)

    record = json.loads(article_line(articles[0]), parse_constant=refuse)
    assert (record["extra"]["score"], record["extra"]["big"], record["extra"]["low"]) == ("NaN", "1e999", "-Infinity")


def test_a_json_list_keeps_its_good_records(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([GOOD, {"id": "no-text"}, {"id": "also-good", "text": "The port reopened on Monday."}, 7]))
    articles, errors = read_all(str(path))
    assert [a.id for a in articles] == ["good", "also-good"]
    assert [(e.source, e.reason) for e in errors] == [(f"{path}#2", "has neither 'text' nor 'html'"),
                                                      (f"{path}#4", "expected a JSON object for each article")]


# 12: one path, one read; what is not a file is named for what it is
def test_globs_and_looping_links_read_each_file_once(tmp_path):
    (tmp_path / "r" / "sub").mkdir(parents=True)
    (tmp_path / "r" / "a.txt").write_text("Report A\n\nThe port reopened on Monday.")
    (tmp_path / "r" / "sub" / "b.txt").write_text("Report B\n\nThe bridge reopened on Friday.")
    os.symlink("..", tmp_path / "r" / "sub" / "up")  # a loop: r/sub/up/sub/up/...
    for inputs in ([f"{tmp_path}/r/**"], [f"{tmp_path}/r"], [f"{tmp_path}/r/**/*.txt", f"{tmp_path}/r/a.txt"]):
        articles, errors = read_all(*inputs)
        assert sorted(a.id for a in articles) == ["a.txt", "b.txt"], inputs
        assert not errors, inputs


@pytest.mark.parametrize("make, reason", [
    (lambda p: os.mkfifo(p), "is not a regular file (a pipe, socket or device)"),
    (lambda p: os.symlink(p, p), "is a symbolic link loop"),
])
def test_pipes_and_link_loops_are_named_for_what_they_are(tmp_path, make, reason):
    path = str(tmp_path / "odd.txt")
    make(path)
    assert [e.reason for e in read_all(path)[1]] == [reason]


@pytest.mark.parametrize("address", ["file:///etc/hostname", "ftp://example.org/story.txt"])
def test_other_address_schemes_are_unsupported(address):
    articles, errors = read_all(address)
    scheme = address.split(":")[0]
    assert not articles
    assert [e.reason for e in errors] == [f"unsupported address scheme {scheme}:// (only http:// and https:// are fetched)"]


# 13: nesting deeper than the HTML parser's limit
def test_deeply_nested_html_keeps_its_text(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><head><title>Deep page</title></head><body>" + "<div>" * 100_000
                    + "<p>The council approved the budget on Friday, the mayor said.</p>" + "</div>" * 100_000 + "</body></html>")
    articles, errors = read_all(str(path))
    assert not errors and "The council approved the budget on Friday" in articles[0].text


# metadata the user gives for plain text
def test_front_matter_gives_a_text_report_its_metadata(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("---\noutlet: Harbour Daily\nurl: https://harbour.example/port\npublished: 2022-02-15\n"
                    "authors: Lena Ruiz and Bo Ek\n---\nPort reopens after storm\n\nThe port reopened on Monday.\n")
    articles, errors = read_all(str(path))
    a = articles[0]
    assert not errors
    assert (a.outlet, a.url, a.published, a.authors) == ("Harbour Daily", "https://harbour.example/port", "2022-02-15", ["Lena Ruiz", "Bo Ek"])
    assert a.text == "Port reopens after storm\n\nThe port reopened on Monday.\n"


def test_a_sidecar_gives_metadata_and_is_never_a_report(tmp_path):
    (tmp_path / "report.txt").write_text("---\noutlet: Old Name\n---\nPort reopens after storm\n\nThe port reopened on Monday.\n")
    (tmp_path / "report.meta.json").write_text(json.dumps({"outlet": "Harbour Daily", "published": "2022-02-15",
                                                           "authors": ["Lena Ruiz"], "desk": "local"}))
    articles, errors = read_all(str(tmp_path))
    assert not errors and len(articles) == 1
    a = articles[0]
    assert (a.id, a.outlet, a.published, a.authors, a.extra["desk"]) == ("report.txt", "Harbour Daily", "2022-02-15", ["Lena Ruiz"], "local")


def test_bad_metadata_is_named_and_the_report_still_read(tmp_path):
    (tmp_path / "report.txt").write_text("---\npublished: 2022-02-15\n---\nPort reopens after storm\n\nThe port reopened on Monday.\n")
    (tmp_path / "report.meta.json").write_text(json.dumps({"published": 20220215}))
    (tmp_path / "other.txt").write_text("---\noutlet Harbour Daily\n---\nBridge reopens\n\nThe bridge reopened.\n")
    articles, errors = read_all(str(tmp_path / "report.txt"), str(tmp_path / "other.txt"), str(tmp_path / "report.meta.json"))
    assert [(a.id, a.published, a.outlet) for a in articles] == [("report.txt", "2022-02-15", None), ("other.txt", None, None)]
    assert [(Path(e.source).name, e.reason) for e in errors] == [
        ("report.meta.json", "field 'published' must be a date as a string (2022-02-15) (got int)"),
        ("other.txt", "front matter: cannot read the line 'outlet Harbour Daily' (expected 'key: value')"),
        ("report.meta.json", "is a metadata sidecar: it is read with the report of the same name, never as a report"),
    ]


def test_a_warc_record_longer_than_it_says_is_one_line_of_ours(tmp_path, capsys):
    first = warc_bytes([("https://x.example/1", PAGE.encode())], compress=False)
    second = warc_bytes([("https://x.example/2", PAGE.encode())], compress=False)
    path = tmp_path / "odd.warc"
    path.write_bytes(first[:-4] + b"extra bytes\r\n\r\n" + second)  # the first record runs past its Content-Length
    articles, errors = read_all(str(path))
    assert capsys.readouterr().err == ""
    assert [e.reason for e in errors] == ["WARC is damaged: a record's length does not match its content"]
    assert "https://x.example/1" in [a.id for a in articles]
