"""What hostile inputs cost: each one briefed next to the seed reports by the real command, in a
fresh process, with its wall time, peak memory (the process's own maximum resident set) and
whether the seeds came through with their quotes. Prints a table, writes bench/results/hostile.json.

    nice -n 10 .venv/bin/python bench/hostile.py
"""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED, print_table, save

SEEDS = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))


def gzip_stream(path: Path, chunk: bytes, total: int) -> None:
    with gzip.open(path, "wb", compresslevel=6) as f:
        for _ in range(total // len(chunk)):
            f.write(chunk)


def warc_bomb(path: Path, size: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(b"<html><body><p>" + b"\0" * size + b"</p></body></html>")
        writer.write_record(writer.create_warc_record("https://bomb.example/", "response", payload=payload, http_headers=headers))


def cases(folder: Path) -> dict[str, Path]:
    made = {}
    made["2 GB of zeros in a .txt.gz"] = folder / "zeros.txt.gz"
    gzip_stream(made["2 GB of zeros in a .txt.gz"], b"\0" * (1 << 20), 2 << 30)
    made["200 MB of text in a .txt.gz"] = folder / "text.txt.gz"
    gzip_stream(made["200 MB of text in a .txt.gz"], b"The council met on Monday and approved the budget.\n" * 20_000, 200 << 20)
    made["300 MB WARC.gz bomb"] = folder / "bomb.warc.gz"
    warc_bomb(made["300 MB WARC.gz bomb"], 300 << 20)
    made["45 MB on one line"] = folder / "line.txt"
    made["45 MB on one line"].write_bytes(b"word " * (9 << 20))
    made["10,000 quotes in one page"] = folder / "quotes.html"
    made["10,000 quotes in one page"].write_text("<html><body><article>" + "".join(
        f'<p>"We will rebuild bridge {i} by spring," said Mayor Ann Lee of Arden.</p>' for i in range(10_000)) + "</article></body></html>")
    made["100,000 nested divs"] = folder / "deep.html"
    made["100,000 nested divs"].write_text("<html><head><title>Deep</title></head><body>" + "<div>" * 100_000
                                           + "<p>The council approved the budget on Friday, the mayor said.</p>" + "</div>" * 100_000 + "</body></html>")
    made["100,000 nested [ in JSON Lines"] = folder / "nest.jsonl"
    made["100,000 nested [ in JSON Lines"].write_text("[" * 100_000 + "\n")
    return made


def brief(inputs: list[str], out: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB, exit code and standard error of one run of `corroborate brief`."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "corroborate", "brief", *inputs, "-f", "json", "-o", str(out), "-q"],
                               stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode, stderr


def main() -> None:
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "briefing.json"
        seconds, peak, code, _ = brief(SEEDS, out)
        rows.append(["the seeds alone", f"{seconds:.1f}", f"{peak:.0f}", code, "", "yes"])
        for name, path in cases(folder).items():
            seconds, peak, code, stderr = brief([*SEEDS, str(path)], out)
            articles = json.loads(out.read_text())["articles"] if out.exists() else []
            seeds_whole = sorted(a["id"] for a in articles if a["quotes"] and a["source"] in SEEDS) == sorted(Path(s).name for s in SEEDS)
            message = next((line for line in stderr.splitlines() if str(path) in line), stderr.strip()[-100:])
            rows.append([name, f"{seconds:.1f}", f"{peak:.0f}", code, message.replace(str(path), path.name)[:90],
                         "yes" if seeds_whole and "Traceback" not in stderr else "NO"])
            results[name] = {"seconds": seconds, "peak_mb": peak, "exit": code, "seeds_whole": seeds_whole}
            out.unlink(missing_ok=True)
    print_table("Hostile inputs briefed with the five seed reports", ["input", "seconds", "peak MB", "exit", "error line", "seeds whole"], rows)
    save("hostile", {"cases": results})


if __name__ == "__main__":
    main()
