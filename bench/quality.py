"""How right corroborate is, on real data, next to baselines. Prints one table per data set,
writes bench/results/quality.json; exits non-zero only if something crashes.

    .venv/bin/python bench/quality.py [--only PART] [--polnear-limit N] [--parses FILE]

With --parses, PolNeAR's spaCy parses are kept in FILE on the first run and read back on later
runs, so that a change to the annotate rules is scored in about a minute instead of ten.
"""
from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from common import EVAL, SHARED, Timer, console, print_table, save

from corroborate.annotate import annotate, annotate_parsed, parse
from corroborate.annotate.parsed import Paragraph, Parsed
from corroborate.clean import clean
from corroborate.ingest.html import from_html, page_text
from corroborate.model import Article
from corroborate.pipeline import brief
from corroborate.render import render

TOKEN = re.compile(r"\w+")
QUOTE_MARKS = "\"“”«»"


def seeds() -> dict:
    briefing = brief(sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(render(briefing, "json"))
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score_seeds.py"), f.name, str(SHARED / "seeds" / "seeds.gold.json")],
                         capture_output=True, text=True, check=True)
    scores = json.loads(out.stdout)
    print_table("Seeds (shared/tools/score_seeds.py)", ["metric", "value"], [[k, v] for k, v in scores.items()])
    return scores


# ---------------------------------------------------------------- PolNeAR

def polnear_documents(limit: int | None) -> list[tuple[str, str, list[dict]]]:
    docs = []
    for part in ("train", "dev"):
        folder = EVAL / "polnear" / part
        chosen: dict[str, Path] = {}
        for ann in sorted((folder / "attributions").glob("*.ann")):
            chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)  # one annotator per text
        for name, ann in sorted(chosen.items()):
            text_path = folder / "text" / f"{name}.txt"
            if text_path.exists():
                docs.append((name, text_path.read_text(encoding="utf-8"), read_ann(ann)))
    return docs[:limit] if limit else docs


def second_annotations() -> dict[str, list[dict]]:
    """The second annotator's attributions of the texts two annotators did (18 of 924): how far
    PolNeAR's annotators agree with each other bounds what any system can score against one."""
    second = {}
    for part in ("train", "dev"):
        seen: set[str] = set()
        for ann in sorted((EVAL / "polnear" / part / "attributions").glob("*.ann")):
            name = ann.stem.rsplit("_", 1)[0]
            if name in seen and name not in second:
                second[name] = read_ann(ann)
            seen.add(name)
    return second


def as_items(text: str, annotations: list[dict]) -> list[dict]:
    """An annotator's attributions in the form `match` takes a system's."""
    return [{"tokens": token_set(text, a["content"]), "speaker_tokens": token_set(text, a["source"]),
             "speaker": None, "direct": is_direct(text, a["content"])}
            for a in annotations if token_set(text, a["content"])]


def read_ann(path: Path) -> list[dict]:
    spans, relations = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, info, _ = line.split("\t", 2)
            role, offsets = info.split(" ", 1)
            spans[tid] = (role, [tuple(map(int, piece.split())) for piece in offsets.split(";")])
        elif line.startswith("E") and "\t" in line:
            parts = dict(p.split(":") for p in line.split("\t")[1].split() if ":" in p)
            relations.append(parts)
    out = []
    for r in relations:
        if "Content" in r and r["Content"] in spans:
            out.append({"content": spans[r["Content"]][1], "source": spans[r["Source"]][1] if r.get("Source") in spans else []})
    return out


def token_set(text: str, ranges) -> set[int]:
    return {m.start() for a, b in ranges for m in TOKEN.finditer(text, a, b)}


def is_direct(text: str, ranges) -> bool:
    """The content opens or closes with a quote mark (the New York Times' two apostrophes count)."""
    a, b = ranges[0][0], ranges[-1][1]
    around = text[max(0, a - 2):a + 2] + " " + text[max(a, b - 2):b + 2]
    return any(mark in around for mark in QUOTE_MARKS) or "''" in around


def match(gold: list[dict], system: list[dict], text: str, lenient: bool = False) -> tuple[int, int, int, int]:
    """(true positives, system count, gold count, speakers right among matches), one to one.

    Strict: the overlap holds half the tokens of the longer of the two spans. Lenient: half the
    gold span's tokens (PolNeAR often joins into one content what reports split over paragraphs)."""
    used, tp, right = set(), 0, 0
    for g in gold:
        g_tokens = token_set(text, g["content"])
        if not g_tokens:
            continue
        for i, s in enumerate(system):
            if i in used:
                continue
            overlap = len(g_tokens & s["tokens"])
            if overlap >= 0.5 * (len(g_tokens) if lenient else max(len(g_tokens), len(s["tokens"]))):
                used.add(i)
                tp += 1
                source = token_set(text, g["source"])
                source_text = " ".join(text[a:b] for a, b in g["source"]).lower()
                named = bool((s["speaker_tokens"] & source) or (s["speaker"] and s["speaker"].split()[-1].lower() in source_text))
                # an attribution the gold gives no source is right when the system names none either
                right += named or (not source and not s["speaker"] and not s["speaker_tokens"])
                break
    return tp, len(system), len([g for g in gold if token_set(text, g["content"])]), right


def ours(article: Article, by_remark: bool = True) -> list[dict]:
    """One item per remark (Quote.remark), its pieces' words together, as PolNeAR annotates one
    attribution; with by_remark=False, one per quote. An item is direct by the test the gold
    contents get (`is_direct` on its whole span), so that 'said he respects her "passion"' is
    direct on both sides or on neither."""
    out: dict = {}
    for i, q in enumerate(article.quotes):
        if q.kind == "scare":
            continue
        item = out.setdefault(q.remark if by_remark else i, {"tokens": set(), "span": (q.start, q.end), "speaker_tokens": set(), "speaker": None})
        item["tokens"] |= token_set(article.text, [(q.start, q.end)])
        item["span"] = (min(item["span"][0], q.start), max(item["span"][1], q.end))
        m = q.speaker_mention
        if item["speaker"] is None and (q.speaker or (m and not item["speaker_tokens"])):
            item["speaker"] = q.speaker
            item["speaker_tokens"] = token_set(article.text, [(m.start, m.end)]) if m else set()
    for item in out.values():
        item["direct"] = is_direct(article.text, [item["span"]])
    return list(out.values())


def textacy_quotes(nlp, text: str) -> list[dict]:
    from textacy.extract.triples import direct_quotations

    out = []
    doc = nlp(text)
    try:
        for speaker, _cue, content in direct_quotations(doc):
            out.append({"tokens": {t.idx for t in content if TOKEN.match(t.text)}, "direct": True,
                        "speaker_tokens": {t.idx for t in speaker}, "speaker": None})
    except (ValueError, IndexError, AttributeError):
        pass  # it raises on unbalanced quote marks: counted as finding nothing in that text
    return out


def scores(counts: list[int]) -> list[float]:
    tp, sys_n, gold_n, right = counts
    p, r = tp / sys_n if sys_n else 0.0, tp / gold_n if gold_n else 0.0
    return [p, r, 2 * p * r / (p + r) if p + r else 0.0, right / tp if tp else 0.0]


def kept_parses(path: Path, articles: list[Article], settings) -> list[Parsed]:
    """The parses of the cleaned `articles`, from `path` when it holds them (same article ids),
    else parsed here and written there: the annotate rules can then be rerun without spaCy."""
    from spacy.tokens import DocBin

    from corroborate.nlp import spacy_pipeline

    if path.exists():
        kept, blob = pickle.loads(path.read_bytes())
        if [a.id for a, _ in kept] == [a.id for a in articles]:
            docs = iter(DocBin().from_bytes(blob).get_docs(spacy_pipeline(settings.spacy_model).vocab))
            return [Parsed(article=a, paragraphs=[Paragraph(line=line, offset=offset, doc=next(docs), label=label, sources=sources)
                                                  for line, offset, label, sources in paragraphs]) for a, paragraphs in kept]
        console.print(f"{path}: parses of other articles, parsing again")
    clean(articles)
    parses = parse(articles, settings)
    docs = DocBin(store_user_data=True, docs=[para.doc for p in parses for para in p.paragraphs])
    kept = [(p.article, [(para.line, para.offset, para.label, para.sources) for para in p.paragraphs]) for p in parses]
    path.write_bytes(pickle.dumps((kept, docs.to_bytes())))
    return parses


def polnear(limit: int | None, parses_file: Path | None = None) -> dict:
    from corroborate.settings import Settings

    docs = polnear_documents(limit)
    articles = [Article(id=name, source=name, text=text) for name, text, _ in docs]
    with Timer() as t:
        if parses_file:
            parses = kept_parses(parses_file, articles, Settings())
            articles = [p.article for p in parses]
            annotate_parsed(parses)
        else:
            clean(articles)
            annotate(articles)
    import spacy

    # textacy reads lemmas: the full pipeline; left out when rescoring kept parses, as it does not change
    nlp = None if parses_file else spacy.load(Settings().spacy_model)
    totals = defaultdict(lambda: [0, 0, 0, 0])
    second = second_annotations()
    for (name, text, gold), article in zip(docs, articles):
        mine, pieces = ours(article), ours(article, by_remark=False)
        if name in second:
            for lenient in (False, True):
                kind = "lenient" if lenient else "strict"
                for label, system in ((f"PolNeAR's second annotator, texts two annotated, all ({kind})", as_items(text, second[name])),
                                      (f"corroborate, texts two annotated, all ({kind})", mine)):
                    totals[label] = [a + b for a, b in zip(totals[label], match(gold, system, text, lenient))]
        direct_gold = [g for g in gold if is_direct(text, g["content"])]
        runs = [("corroborate, all attributions", gold, mine),
                ("corroborate, direct quotes", direct_gold, [x for x in mine if x["direct"]]),
                ("corroborate quote by quote (remarks not joined), all", gold, pieces),
                ("corroborate quote by quote (remarks not joined), direct", direct_gold, [x for x in pieces if x["direct"]])]
        if nlp is not None:
            baseline = textacy_quotes(nlp, text)
            runs += [("textacy direct_quotations, all attributions", gold, baseline),
                     ("textacy direct_quotations, direct quotes", direct_gold, baseline)]
        for key, g, s in runs:
            for lenient in (False, True):
                label = f"{key} ({'lenient' if lenient else 'strict'})"
                totals[label] = [a + b for a, b in zip(totals[label], match(g, s, text, lenient))]
    rows = [[key, *scores(c), c[2]] for key, c in totals.items()]
    print_table(f"PolNeAR attributions ({len(docs)} articles, train+dev; content overlap >= 50% of tokens of the "
                "longer span (strict) or of the gold span (lenient))",
                ["system", "precision", "recall", "F1", "speaker accuracy", "gold"], rows)
    return {"articles": len(docs), "seconds": t.seconds,
            "rows": {r[0]: dict(zip(["precision", "recall", "f1", "speaker_accuracy", "gold"], r[1:])) for r in rows}}


# ---------------------------------------------------------------- ScrapingHub article extraction

def token_f1(got: str, want: str) -> float:
    g, w = defaultdict(int), defaultdict(int)
    for t in TOKEN.findall(got.lower()):
        g[t] += 1
    for t in TOKEN.findall(want.lower()):
        w[t] += 1
    common = sum(min(g[t], w[t]) for t in g)
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return 2 * p * r / (p + r)


def kept_text(article: Article) -> str:
    return "\n".join(article.text[ln.start:ln.end] for ln in article.lines if ln.label in ("body", "subheading"))


def extraction() -> dict:
    import trafilatura

    root = EVAL / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text())
    rows = defaultdict(list)
    for page_id, item in sorted(truth.items()):
        path = root / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        want = item.get("articleBody") or ""
        rows["trafilatura alone"].append(token_f1(trafilatura.extract(html) or "", want))
        article = from_html(page_id, html, page_id)
        if isinstance(article, Article):
            clean([article])
            rows["corroborate HTML path (trafilatura + line cleaner)"].append(token_f1(kept_text(article), want))
        else:
            rows["corroborate HTML path (trafilatura + line cleaner)"].append(0.0)
        pasted = Article(id=page_id, source=page_id, text=page_text(html))
        clean([pasted])
        rows["corroborate plain-text cleaner on the whole page's text"].append(token_f1(kept_text(pasted), want))
        rows["no cleaning: the whole page's text"].append(token_f1(pasted.text, want))
    table = [[k, sum(v) / len(v), len(v)] for k, v in rows.items()]
    print_table("ScrapingHub article extraction benchmark: mean token F1", ["system", "token F1", "pages"], table)
    return {r[0]: r[1] for r in table}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polnear-limit", type=int, default=None, help="score only the first N PolNeAR articles")
    parser.add_argument("--only", choices=["seeds", "extraction", "polnear"], help="run one part")
    parser.add_argument("--parses", type=Path, help="keep PolNeAR's parses in this file and reuse them (timings then leave out spaCy; no textacy baseline)")
    args = parser.parse_args()
    parts = {"seeds": seeds, "extraction": extraction, "polnear": lambda: polnear(args.polnear_limit, args.parses)}
    results = {name: run() for name, run in parts.items() if args.only in (None, name)}
    console.print(f"saved {save('quality', results)}")


if __name__ == "__main__":
    main()
