"""Fuzzing the input boundary: Hypothesis writes thousands of hostile records and files of every
kind (wrong types, deep nesting, huge and non-finite numbers, bad bytes, compression bombs,
truncated archives, looping feeds), ingest reads each one into articles or one-line errors, and
`annotate` and `brief` then run over all of them mixed with the seed reports: no traceback, every
seed report with its quotes in the output, and a peak memory under 1 GB."""
from __future__ import annotations

import functools
import gzip
import io
import itertools
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate import ingest
from corroborate.errors import InputError
from corroborate.model import Article
from corroborate.render.jsonout import article_line
from corroborate.settings import Settings

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
EXAMPLES = 350  # batches of one to six inputs; a JSON Lines input holds up to 80 records
MEMORY_LIMIT_KB = 1024 * 1024
LIMITS = Settings()

SENTENCES = [
    'Port reopens after storm', '"The port is open again," harbour master Ann Lee said on Monday.',
    "The council approved the budget at 2am on Friday, the mayor said.", "Inspectors found three cracks in the spillway.",
    "Officials denied that the dam was unsafe.", "“We will rebuild,” she said.", "About 4 million euros, the authority said.",
]
KNOWN = ["id", "url", "title", "text", "html", "outlet", "published", "authors", "source"]

# values of every type a field may wrongly hold, made once: drawing from a list keeps the thousands of records cheap
HOSTILE_VALUES = [
    None, True, 0, 42, -1, 10**30, 1.5, float("nan"), float("inf"), -float("inf"), "", " ", "2022-02-15", "yesterday",
    "x" * 5000, "\ud800 alone", "a\u2028b\x85c", "nul\x00byte", "<p>html</p>", "/etc/hostname", "file:///etc/hostname",
    [], [1, 2], ["Ann Lee", 7], ["Ann Lee", "Bo Ek"], {}, {"name": "Ann Lee"}, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    {"a": {"b": {"c": [float("nan")]}}},
]
# what a text or html field holds when it is wrong: only one record in fifty carries readable text, so
# that the runs of the whole command below brief the seeds among a few hundred readable strangers
NOT_TEXT = [None, 42, 1.5, float("nan"), [], {}, "", "  \n ", ["text"], {"text": "x"}, "\ud800 alone", [[[["deep"]]]]]
# text the readers must survive: any code point (lone surrogates included), separators, NUL, markup
odd_text = st.text(max_size=60) | st.lists(
    st.sampled_from(SENTENCES + ["\u2028", "\x85", "\x00", "\r\n", "<div>", '"', "“", "\n\n", "é", "\ufeff", "\ud83d"]),
    max_size=30).map("".join)
json_value = st.sampled_from(HOSTILE_VALUES) | st.text(max_size=20)
not_text = st.sampled_from(NOT_TEXT)


@st.composite
def records(draw) -> dict:
    """An article record: known fields of any type, often of the right one, and unknown fields."""
    keys = draw(st.lists(st.sampled_from(KNOWN), max_size=6, unique=True))
    record = {key: draw(not_text if key in ("text", "html") else json_value) for key in keys}
    if draw(st.integers(0, 49)) == 0:
        record["text"] = draw(odd_text)
    record.update(draw(st.dictionaries(st.sampled_from(["extra", "n", "tags", "section", ""]), json_value, max_size=2)))
    return record


def record_line(record: dict, style: str) -> str:
    line = json.dumps(record, ensure_ascii=style == "ascii", allow_nan=True)
    return {"ascii": line, "raw": line, "deep": "[" * 5000 + line, "digits": line[:-1] + ', "n": ' + "7" * 5000 + "}",
            "cut": line[: len(line) // 2]}[style] if record else "{}"


@st.composite
def jsonl_file(draw) -> tuple[str, bytes]:
    lines = [record_line(draw(records()), draw(st.sampled_from(["ascii", "raw", "raw", "deep", "digits", "cut"])))
             for _ in range(draw(st.integers(1, 80)))]
    return "batch.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def json_file(draw) -> tuple[str, bytes]:
    value = draw(st.one_of(st.lists(records(), max_size=8), records(), st.builds(lambda r: {"articles": r}, st.lists(records(), max_size=5)),
                           json_value))
    return "batch.json", json.dumps(value).encode()


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


@st.composite
def text_file(draw) -> tuple[str, bytes]:
    text = draw(odd_text)
    if draw(st.booleans()):
        text = "---\n" + "".join(f"{k}: {draw(st.text(max_size=20)).replace(chr(10), ' ')}\n" for k in draw(st.lists(st.sampled_from(KNOWN + ["x"]), max_size=4))) + "---\n" + text
    data = draw(st.one_of(st.builds(encoded, st.just(text), st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "cp1250"])),
                          st.binary(max_size=300), st.binary(max_size=300).map(lambda b: b"\0\0" + b)))
    return draw(st.sampled_from(["report.txt", "report", "report.md"])), data


@st.composite
def html_file(draw) -> tuple[str, bytes]:
    depth = draw(st.sampled_from([1, 3, 300, 3000]))
    body = draw(odd_text)
    page = f"<html><head><title>{draw(st.text(max_size=30))}</title></head><body>{'<div>' * depth}<p>{body}</p>{'</div>' * depth}</body></html>"
    if draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]
    return "page.html", page.encode("utf-8", "surrogatepass")


@st.composite
def feed_file(draw) -> tuple[str, bytes]:
    title, body = draw(st.text(max_size=30)), draw(odd_text)
    kind = draw(st.sampled_from(["rss", "path", "entities", "cut"]))
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>{title}</title><description>{body}</description></item></channel></rss>'
    data = {"rss": rss, "path": "/etc/hostname", "cut": rss[: len(rss) // 2],
            "entities": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                        '<!ENTITY c SYSTEM "file:///etc/hostname">]><rss><channel><item><title>&b;&c;</title></item></channel></rss>'}[kind]
    return "news.rss", data.encode("utf-8", "surrogatepass")


def warc(pages: list[bytes], compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for number, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://x.example/{number}", "response", payload=io.BytesIO(page), http_headers=headers))
    return buffer.getvalue()


@st.composite
def warc_file(draw) -> tuple[str, bytes]:
    compress = draw(st.booleans())
    pages = [f"<html><body><p>{draw(odd_text)}</p></body></html>".encode("utf-8", "surrogatepass") for _ in range(draw(st.integers(1, 3)))]
    data = warc(pages, compress)
    cut = draw(st.sampled_from(["whole", "cut", "flip"]))
    at = int(draw(st.floats(0, 1, exclude_max=True)) * len(data))  # a share: record ids and dates vary the length
    if cut == "cut":
        data = data[: max(1, at)]
    elif cut == "flip":
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    return "crawl.warc.gz" if compress else "crawl.warc", data


@functools.cache
def bombs() -> dict[str, bytes]:
    """Files a few hundred kilobytes long that expand past the limit per input."""
    flood = b"\0" * (LIMITS.max_input_bytes + 1)
    page = b"<html><body><p>" + b" " * (LIMITS.max_input_bytes + 1) + b"</p></body></html>"
    return {"report.txt.gz": gzip.compress(flood, 1), "batch.jsonl.gz": gzip.compress(flood, 1), "crawl.warc.gz": warc([page], True)}


@st.composite
def gzip_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["text", "bomb", "cut", "junk"]))
    if kind == "bomb":
        return draw(st.sampled_from(sorted(bombs().items())))
    data = gzip.compress(encoded(draw(odd_text), "utf-8"))
    data = {"text": data, "cut": data[: len(data) // 2], "junk": b"\x1f\x8b" + draw(st.binary(max_size=100))}[kind]
    return draw(st.sampled_from(["report.txt.gz", "batch.jsonl.gz"])), data


hostile_files = st.one_of(jsonl_file(), jsonl_file(), json_file(), text_file(), html_file(), feed_file(), warc_file(), gzip_file())


def check(results: list, batch: Path) -> int:
    """The boundary's promises for what one batch gave; returns how many records it held."""
    for result in results:
        if isinstance(result, InputError):
            assert result.source.startswith(str(batch)) and "\n" not in str(result) and result.reason, result
            continue
        assert isinstance(result, Article)
        assert result.text.strip() and len(result.text) <= LIMITS.max_report_chars
        assert all(len(line) <= LIMITS.max_line_chars for line in result.text.split("\n"))
        assert isinstance(result.authors, list) and all(isinstance(a, str) for a in result.authors)
        assert all(isinstance(v, str | None) for v in (result.title, result.outlet, result.published, result.url))
        json.loads(article_line(result).encode("utf-8"), parse_constant=refuse)  # strict, encodable JSON
    return sum(max(1, f.read_bytes().count(b"\n")) if f.suffix in (".jsonl", ".json") else 1 for f in batch.iterdir())


def refuse(name: str):
    raise ValueError(f"{name} in the output")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, int]:
    """Every batch Hypothesis makes, kept in one folder for the runs of the whole command below."""
    folder = tmp_path_factory.mktemp("hostile")
    numbers = itertools.count()
    thrown = [0]

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(hostile_files, min_size=1, max_size=6))
    def read_every_batch(files):
        batch = folder / f"{next(numbers):05d}"
        batch.mkdir()
        for index, (name, data) in enumerate(files):
            (batch / f"{index}-{name}").write_bytes(data)
        thrown[0] += check(list(ingest.read([str(batch)], LIMITS)), batch)

    read_every_batch()
    (folder / "one-line.txt").write_bytes(b"word " * 8_000_000)  # 40 MB without a line break
    return folder, thrown[0]


def test_every_hostile_input_is_an_article_or_one_error_line(corpus):
    _, thrown = corpus
    assert thrown >= 10_000


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corroborate", *args], capture_output=True, text=True, timeout=3000)


@pytest.mark.parametrize("command", ["annotate", "brief"])
def test_the_seeds_come_through_a_hostile_crowd_whole(corpus, tmp_path, command):
    folder, _ = corpus
    out = tmp_path / "out.json"
    result = run(command, *sorted(map(str, SEEDS.glob("*.txt"))), str(folder), "-f", "json", "-o", str(out), "-q")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("error ") for line in lines)
    # records end at "\n" only: the texts hold U+2028 and U+0085, which splitlines() would cut at
    articles = ([json.loads(line) for line in out.read_text().split("\n") if line] if command == "annotate"
                else json.loads(out.read_text())["articles"])
    seeds = {a["id"]: a for a in articles if a["source"].startswith(str(SEEDS))}
    assert sorted(seeds) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(len(a["quotes"]) >= 3 for a in seeds.values())
    assert peak_kb < MEMORY_LIMIT_KB, f"peak memory {peak_kb / 1024:.0f} MB"
