"""The `corroborate` command: read reports, annotate them, write a briefing.

Exit codes: 0 all inputs read; 1 some inputs could not be read (the rest were processed
and the output written); 2 wrong usage; 3 no input could be read.
"""
from __future__ import annotations

import logging
import os
import sys
import warnings
import webbrowser
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import InputError

app = typer.Typer(
    help="Read many news reports of one story and tell what was said, by whom, what independent outlets "
         "confirm, and where the reports disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_NOTHING_READ = 0, 1, 2, 3
EXIT_STORE = 4  # the database cannot be opened, read or written


class BriefFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


class AnnotateFormat(str, Enum):
    json = "json"


Inputs = Annotated[list[str], typer.Argument(help="Files, folders (read recursively), globs or http(s) URLs: "
                                                  "plain text, HTML, JSON Lines, RSS/Atom, WARC.", show_default=False)]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of standard output.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but the output and errors.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also print what each stage found.")]


def version_callback(value: bool) -> None:
    if value:
        print(f"corroborate {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """corroborate: we don't believe what we hear, we believe what we see."""
    quiet_libraries()


def quiet_libraries() -> None:
    """Models and parsers chatter on stderr; a briefing's user wants only our lines there."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warnings.filterwarnings("ignore")
    for name in ("trafilatura", "htmldate", "urllib3", "httpx", "feedparser"):
        logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def progress_bar(quiet: bool):
    if quiet or not err.is_terminal:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, advance: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], advance=advance, total=total)

        yield update


def report_errors(errors: list[InputError] | list[dict], quiet: bool) -> None:
    for e in errors:
        source, reason = (e["source"], e["reason"]) if isinstance(e, dict) else (e.source, e.reason)
        # names and reasons carry the input's own words: printed as they are, never as markup
        err.print(f"[red]error[/red] {escape(source)}: {escape(reason)}", highlight=False, soft_wrap=True)


def write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)  # never leave a half-written briefing where the last good one was
    except OSError as exc:
        err.print(f"[red]error[/red] cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from exc


def check_output(output: Path | None, inputs: list[str]) -> None:
    """Before any work: the output is not one of the inputs and can be written (exit 2 otherwise)."""
    if output is None:
        return
    target = os.path.realpath(output)
    named = next((item for item in inputs if os.path.realpath(item) == target), None)
    if named is not None:
        err.print(f"[red]error[/red] {escape(str(output))}: the output file is also an input ({escape(named)}); choose another output",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        if output.is_dir():
            raise IsADirectoryError(21, "is a folder")
        output.parent.mkdir(parents=True, exist_ok=True)
        probe = output.with_name(output.name + ".part")
        probe.touch()
        probe.unlink()
    except OSError as exc:
        err.print(f"[red]error[/red] cannot write {escape(str(output))}: {exc.strerror or exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from exc


def finish(errors: list, articles: int) -> None:
    if articles == 0:
        err.print("[red]error[/red] no input could be read")
        raise typer.Exit(EXIT_NOTHING_READ)
    if errors:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def annotate(inputs: Inputs, format: Annotated[AnnotateFormat, typer.Option("--format", "-f", help="Output format.")] = AnnotateFormat.json,
             output: Output = None, quiet: Quiet = False, verbose: Verbose = False,
             workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, show_default="all cores",
                                                         help="Processes annotating reports side by side.")] = None) -> None:
    """Clean and annotate each report on its own: one JSON object per article (JSON Lines) with its
    lines, metadata, quotes and speakers, entities and values, written as each report is done."""
    from .render.jsonout import article_line
    from .settings import Settings
    from .workers import annotate_stream

    check_output(output, inputs)
    articles, errors, quotes = 0, [], 0
    with progress_bar(quiet) as progress, streamed(output) as out:
        for item in annotate_stream(inputs, Settings(), workers, outputs=[str(output)] if output else []):
            if isinstance(item, InputError):
                errors.append(item)
                report_errors([item], quiet)
                continue
            out.write(article_line(item) + "\n")
            articles, quotes = articles + 1, quotes + len(item.quotes)
            if progress:
                progress("annotate", 1, None)
    if verbose:
        err.print(f"{articles} articles, {quotes} quotes")
    finish(errors, articles)


@contextmanager
def streamed(output: Path | None):
    """A text stream for output written as it is made: standard output, or a file that appears
    under its name only once complete (never half a file where the last good one was)."""
    if output is None:
        yield sys.stdout
        return
    tmp = output.with_name(output.name + ".part")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle = tmp.open("w", encoding="utf-8")
    except OSError as exc:
        err.print(f"[red]error[/red] cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    try:
        with handle:
            yield handle
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(output)


@app.command()
def brief(inputs: Annotated[list[str] | None, Inputs.__metadata__[0]] = None,
          format: Annotated[BriefFormat, typer.Option("--format", "-f", help="md (default), html or json.")] = BriefFormat.md,
          output: Output = None, open_: Annotated[bool, typer.Option("--open", help="Open the written file in a browser.")] = False,
          quiet: Quiet = False, verbose: Verbose = False,
          story: Annotated[int | None, typer.Option("--story", help="Brief this stored story (instead of inputs).")] = None,
          db: Annotated[str | None, typer.Option("--db", help="Brief stored reports from this database (see ingest).")] = None,
          since: Annotated[str | None, typer.Option("--since", help="Stored reports published on or after this date (YYYY-MM-DD).")] = None,
          outlet: Annotated[str | None, typer.Option("--outlet", help="Stored reports of this outlet.")] = None,
          query: Annotated[str | None, typer.Option("--query", help="Stored reports with a sentence matching these words.")] = None) -> None:
    """Write the story briefing: bottom line, claims, disagreements, who said what, timeline,
    coverage and sources, every sentence cited to the reports. Without inputs, briefs stored
    reports: a story (--story ID) or those matching --since, --outlet, --query."""
    if inputs and any(x is not None for x in (story, db, since, outlet, query)):
        err.print("[red]error[/red] give inputs or stored-report options (--story, --db, --since, --outlet, --query), not both")
        raise typer.Exit(EXIT_USAGE)
    if not inputs:
        brief_stored(story, db, since, outlet, query, format, output, open_, quiet, verbose)
        return
    from .nlp import one_blas_thread, warm_up
    from .settings import Settings

    check_output(output, inputs)
    one_blas_thread()
    settings = Settings()
    warm_up(settings.spacy_model, settings.embedding_model)  # before the imports below: they take a second or two
    from .pipeline import brief as make_brief

    with progress_bar(quiet) as progress:
        briefing = make_brief(inputs, settings, progress, outputs=[str(output)] if output else [])
    report_errors(briefing.errors, quiet)
    deliver(briefing, format, output, open_, quiet, verbose, "reports")
    finish(briefing.errors, len(briefing.articles))


def deliver(briefing, format: BriefFormat, output: Path | None, open_: bool, quiet: bool, verbose: bool, what: str) -> None:
    """Write the rendered briefing, say what it holds, and open it when asked."""
    from .render import render

    write(render(briefing, format.value), output)
    if verbose or (output and not quiet):
        err.print(f"{len(briefing.articles)} {what}, {len(briefing.statements)} statements, "
                  f"{len(briefing.discrepancies)} discrepancies, {len(briefing.claims)} claims"
                  + (f" -> {output}" if output else ""))
    if open_ and output:
        webbrowser.open(output.resolve().as_uri())


# ---------------------------------------------------------------- the store

Db = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (default: $CORROBORATE_DB, "
                                                     "else corroborate.db in this folder).", show_default=False)]


@contextmanager
def opened_store(db: str | None):
    """The store, or one line naming the database and its problem and exit code 4."""
    from .store import Store, StoreError

    try:
        with Store(db) as store:
            yield store
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_STORE) from None


def brief_stored(story: int | None, db: str | None, since: str | None, outlet: str | None, query: str | None,
                 format: BriefFormat, output: Path | None, open_: bool, quiet: bool, verbose: bool) -> None:
    if story is None and not (db or since or outlet or query):
        err.print("[red]error[/red] give inputs to brief, or --story ID, or a filter (--since, --outlet, --query) "
                  "for stored reports")
        raise typer.Exit(EXIT_USAGE)
    from .archive import stored_briefing
    from .settings import Settings

    check_output(output, [])
    with opened_store(db) as store:
        filtered = since or outlet or query
        ids = store.report_ids(since, outlet, query) if filtered or story is None else []
        if story is not None:
            matching = set(ids)
            ids = [i for i in store.story(story)["reports"] if not filtered or i in matching]
        if not ids:
            err.print("[red]error[/red] no stored report matches")
            raise typer.Exit(EXIT_NOTHING_READ)
        briefing = stored_briefing(store, ids, Settings())
    deliver(briefing, format, output, open_, quiet, verbose, "stored reports")


@app.command()
def ingest(inputs: Inputs, db: Db = None, quiet: Quiet = False,
           workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, show_default="all cores",
                                                       help="Processes annotating reports side by side.")] = None) -> None:
    """Read, clean and annotate the inputs (every format brief reads, and export files) and keep
    them in the store: text, line labels, metadata, quotes, names, values and sentence vectors.
    A report stored before is skipped; a known URL with a new text is kept as a new version."""
    from .archive import ingest_inputs
    from .settings import Settings

    with opened_store(db) as store, progress_bar(quiet) as progress:
        before = store.counts()
        counts, errors = ingest_inputs(inputs, store, Settings(), progress, workers)
        after = store.counts()
    report_errors(errors, quiet)
    if not quiet:
        merged = after["story_merges"] - before["story_merges"]
        filed = (f", {after['stories']} stories" if after["stories"] else "") + \
            (f" ({merged} merged by new reports)" if merged else "")
        print(f"{store.where}: {counts['new']} new, {counts['unchanged']} unchanged, {counts['updated']} updated, "
              f"{len(errors)} unreadable" + filed)
    finish(errors, counts["new"] + counts["unchanged"] + counts["updated"] + counts["stories"])


class SearchFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words to find (all of them; English stemming).", show_default=False)],
           db: Db = None, limit: Annotated[int, typer.Option("--limit", "-n", help="Most sentences to show.")] = 20,
           format: Annotated[SearchFormat, typer.Option("--format", "-f", help="text (default) or json.")] = SearchFormat.text) -> None:
    """Full-text search over the stored reports: each matching sentence with who is quoted in it
    and its report (outlet, title, date, line), and what later versions of the report changed."""
    import json
    from dataclasses import asdict

    from .store.history import describe

    with opened_store(db) as store:
        hits = store.search(query, limit)
        edits = {h.report_id: store.history(h.report_id) for h in hits if h.version > 1}
    if format is SearchFormat.json:
        print(json.dumps([asdict(h) | {"history": edits.get(h.report_id, [])} for h in hits], ensure_ascii=False, indent=1))
        return
    for h in hits:
        where = " · ".join(x for x in (h.outlet or h.article_id, h.title, h.published) if x)
        edited = "".join(f"\n    edited (version {e['version']}): {describe(e['changes'])}" for e in edits.get(h.report_id, []))
        said = f"  ({', '.join(h.speakers)} quoted)" if h.speakers else ""
        print(f"{where}  [report {h.report_id}, line {h.line}]{edited}\n    {h.sentence.strip()}{said}\n")
    if not hits:
        err.print("no stored sentence matches")


class ExportFormat(str, Enum):
    jsonl = "jsonl"


@app.command()
def export(db: Db = None, format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl.")] = ExportFormat.jsonl,
           output: Output = None) -> None:
    """Everything stored, as JSON Lines: every report with all its versions (annotations, vectors,
    what each edit changed) and every story; `corroborate ingest` reads the file back."""
    from .store.exchange import export_lines

    with opened_store(db) as store:
        write("".join(line + "\n" for line in export_lines(store)), output)


class ClusterFormat(str, Enum):
    json = "json"
    md = "md"


@app.command()
def cluster(inputs: Inputs, format: Annotated[ClusterFormat, typer.Option("--format", "-f", help="json (default) or md.")] = ClusterFormat.json,
            output: Output = None, quiet: Quiet = False, verbose: Verbose = False) -> None:
    """Group the reports of a mixed stream into stories: copies of one text first, then reports
    of one event by date, places, people, figures and wording. Every report is in exactly one story."""
    from .nlp import warm_up
    from .settings import Settings

    settings = Settings()
    warm_up(settings.spacy_model, settings.embedding_model)
    from .cluster import cluster as make_stories
    from .pipeline import annotated
    from .render.stories import stories_json, stories_markdown

    check_output(output, inputs)
    with progress_bar(quiet) as progress:
        articles, errors = annotated(inputs, settings, progress, outputs=[str(output)] if output else [])
    report_errors(errors, quiet)
    stories = make_stories(articles, settings) if articles else []
    errors_data = [e.to_dict() for e in errors]
    text = stories_json(stories, errors_data) if format == ClusterFormat.json else \
        stories_markdown(stories, {a.id: a for a in articles}, errors_data)
    write(text, output)
    if verbose or (output and not quiet):
        err.print(f"{len(articles)} reports, {len(stories)} stories" + (f" -> {output}" if output else ""))
    finish(errors, len(articles))


class StoriesFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"


@app.command()
def stories(db: Db = None,
            since: Annotated[str | None, typer.Option("--since", help="Only stories with a report published on or "
                                                                      "after this date (YYYY-MM-DD).")] = None,
            format: Annotated[StoriesFormat, typer.Option("--format", "-f", help="table (default), json, or html: "
                                                          "an index page, with one briefing per story in stories/ "
                                                          "beside it (needs -o).")] = StoriesFormat.table,
            output: Output = None, quiet: Quiet = False) -> None:
    """The stored stories, last updated first: reports, outlets, independent sources (outlets
    carrying one text count once), first and last publication. `ingest` files each new report
    into a story, or opens one, and merges stories that a later report shows to be one event."""
    import io
    import json

    from rich.table import Table

    if format is StoriesFormat.html and output is None:
        err.print("[red]error[/red] --format html writes an index page and a briefing per story: give -o FILE")
        raise typer.Exit(EXIT_USAGE)
    with opened_store(db) as store:
        rows = store.story_rows(since)
        if format is StoriesFormat.html:
            write_story_pages(store, rows, output)
            if not quiet:
                err.print(f"{len(rows)} stories -> {output} (briefings in {output.parent / 'stories'})")
            return
    if format is StoriesFormat.json:
        write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", output)
        return
    table = Table("id", "story", "reports", "outlets", "independent", "first", "last", "updated", box=None)
    for r in rows:
        table.add_row(str(r["id"]), r["title"] or "", str(r["reports"]), str(r["outlets"]),
                      str(r["independent_sources"]), str(r["first_published"] or "")[:10],
                      str(r["last_published"] or "")[:10], str(r["updated_at"])[:16].replace("T", " "))
    text = io.StringIO()
    Console(file=text, width=160).print(table)
    write(text.getvalue(), output)


def write_story_pages(store, rows: list[dict], index: Path) -> None:
    """index.html and stories/<id>.html beside it: each story briefed from its stored reports."""
    from .archive import stored_briefing
    from .render import render
    from .render.story_index import story_index_html
    from .settings import Settings

    folder = index.parent / "stories"
    folder.mkdir(parents=True, exist_ok=True)
    for row in rows:
        briefing = stored_briefing(store, store.story(row["id"])["reports"], Settings())
        (folder / f"{row['id']}.html").write_text(render(briefing, "html"), encoding="utf-8")
    write(story_index_html(rows, "stories/{id}.html"), index)


# ---------------------------------------------------------------- the web app

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(db: Db = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback exposes the store to the network.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          token: Annotated[str | None, typer.Option("--token", envvar="CORROBORATE_TOKEN", show_default=False,
                                                    help="Token every write must carry ($CORROBORATE_TOKEN; default: generated at "
                                                         "first start, printed, and kept in ~/.config/corroborate/token).")] = None,
          protect_reads: Annotated[bool, typer.Option("--protect-reads", help="Reading needs the token too.")] = False,
          allow_private_urls: Annotated[bool, typer.Option("--allow-private-urls", help="Fetch URLs that resolve to loopback, "
                                                           "private or link-local addresses (refused by default).")] = False) -> None:
    """Serve the stored stories in a browser and as a JSON API (/api/v1/): stories, briefings that
    update as reports arrive, reports, people, search, and adding reports (files, text, URLs)."""
    import uvicorn

    from .settings import Settings
    from .web import ServeOptions, create_app
    from .web.options import stored_or_new_token, token_file

    if not token:
        token, new = stored_or_new_token()
        print(f"write token: {token}" + (" (new; kept in " if new else " (from ") + f"{token_file()})")
    if host not in LOOPBACK:
        err.print(f"[yellow]warning[/yellow] listening on {host}: anyone who can reach it can read the stories"
                  + ("" if protect_reads else " (--protect-reads asks for the token)"))
    with opened_store(db) as store:
        application = create_app(store, ServeOptions(token=token, protect_reads=protect_reads,
                                                     allow_private_urls=allow_private_urls), Settings())
        print(f"corroborate serving {store.where} at http://{host if ':' not in host else f'[{host}]'}:{port}/", flush=True)
        uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def spark(inputs: Inputs, out: Annotated[Path, typer.Option("--out", help="Folder for articles.jsonl and stories.json.", show_default=False)],
          master: Annotated[str | None, typer.Option("--master", help="Spark master: local[N], yarn, k8s://... "
                                                     "(default: spark-submit's, else local[*]).", show_default=False)] = None,
          partitions: Annotated[int | None, typer.Option("--partitions", min=1, show_default="4 per core",
                                                         help="Partitions the reports are spread over.")] = None,
          quiet: Quiet = False) -> None:
    """Annotate and cluster on Apache Spark (the `spark` extra of the package): the reports are read,
    annotated and profiled on the executors with the code `annotate` and `cluster` run, the stories
    made on the driver. Writes OUT/articles.jsonl (as `annotate`) and OUT/stories.json (as `cluster`)."""
    try:
        from .spark import run, spark_context
    except ImportError as exc:
        err.print(f"[red]error[/red] Spark is not installed ({exc.name}): " + escape("pip install 'corroborate[spark]'"))
        raise typer.Exit(EXIT_USAGE) from exc
    if out.exists() and not out.is_dir():
        err.print(f"[red]error[/red] {escape(str(out))}: --out must be a folder")
        raise typer.Exit(EXIT_USAGE)
    try:
        sc = spark_context(master)
    except Exception as exc:  # no Java, an unknown master: Spark raises its own errors, told in one line
        err.print(f"[red]error[/red] Spark could not start: {escape(' '.join(str(exc).split())[:300])}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from exc
    try:
        outcome = run(sc, inputs, out, partitions=partitions)
    finally:
        sc.stop()
    report_errors(outcome.errors, quiet)
    if not quiet:
        err.print(f"{outcome.reports} reports, {len(outcome.stories)} stories -> {out}")
    finish(outcome.errors, outcome.reports)
