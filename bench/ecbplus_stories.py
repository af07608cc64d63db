"""Rebuild ECB+ documents (tokenized XML) into JSON Lines, one file per story (topic + sub-topic),
so that corroborate can be run on real multi-outlet stories.

    .venv/bin/python bench/ecbplus_stories.py OUT_DIR [TOPIC ...]
    .venv/bin/corroborate brief OUT_DIR/1_ecbplus.jsonl --format md
"""
from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from common import EVAL

NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b)")
NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = NO_SPACE_BEFORE.sub(r"\1", text)
    text = NO_SPACE_AFTER.sub(r"\1", text)
    # straight double quotes: attach alternately to the following and the preceding word
    parts, opening = [], True
    for piece in text.split(' " '):
        parts.append(piece)
    text = ""
    for i, piece in enumerate(parts):
        if i:
            text += ' "' if opening else '" '
            opening = not opening
        text += piece
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)  # ECB+ splits hyphenated words
    text = re.sub(r"“ ", "“", re.sub(r" ”", "”", re.sub(r" ’ (?=\w)", "’", text)))
    return text.replace("`` ", '"').replace(" ''", '"')


def document(path: Path) -> dict:
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence"))].append(token.text or "")
    # ECB+ documents open with their URL as sentence 0; the older ECB ones open with their text
    url = "".join(sentences.get(0, []))
    if url.startswith("http"):
        del sentences[0]
    lines = [detokenize(tokens) for _, tokens in sorted(sentences.items())]
    host = urlparse(url).netloc.removeprefix("www.") if url.startswith("http") else None
    return {"id": path.name, "url": url if host else None, "outlet": host, "title": lines[0] if lines else "",
            "text": "\n\n".join(lines)}


def main(out: str, topics: list[str]) -> None:
    root = EVAL / "ecbplus" / "ECB+"
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for topic in topics or sorted(p.name for p in root.iterdir() if p.is_dir()):
        for sub in ("ecb", "ecbplus"):
            docs = [document(p) for p in sorted((root / topic).glob(f"{topic}_*{sub}.xml")) if p.name.endswith(f"{sub}.xml")
                    and (sub == "ecbplus" or not p.name.endswith("ecbplus.xml"))]
            if docs:
                (folder / f"{topic}_{sub}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
