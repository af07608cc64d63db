"""Dependencies flow one way: model < stages < pipeline/render < cli. A stage never imports another."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "corroborate"
STAGES = {"ingest", "clean", "annotate", "cluster", "analyse"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            parts = path.relative_to(PACKAGE).parts
            base = list(parts[:-1])[: len(parts) - node.level]
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.add(target[0])
    return found


def test_stages_do_not_import_each_other_and_spacy_stays_in_annotate():
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top in STAGES:
            others = imports_of(path) & (STAGES - {top})
            assert not others, f"{path.relative_to(PACKAGE)} imports {others}"
        if top not in ("annotate", "nlp.py", "nlp"):
            assert "import spacy" not in path.read_text(), path


def test_stages_never_import_the_layers_above_them():
    above = {"pipeline", "workers", "render", "cli"}
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top in STAGES or top in ("model", "errors", "settings", "text", "nlp", "minilm"):
            assert not imports_of(path) & above, f"{path.relative_to(PACKAGE)} imports {imports_of(path) & above}"
        if top == "workers":
            assert not imports_of(path) & {"cli", "render"}, path


def test_filing_reports_into_stories_is_chained_above_the_store_and_the_cluster_stage():
    """filing.py runs the cluster stage's index over the store; neither of them knows of it."""
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top not in ("cli", "web", "archive", "filing"):
            assert "filing" not in imports_of(path), path.relative_to(PACKAGE)


def test_the_store_reads_only_the_model_and_only_the_command_line_and_web_app_chain_it():
    """store/ is layer 2 beside pipeline and render; archive.py (and filing.py, for the cluster
    stage) chains the stages around it for cli and the web app."""
    for path in (PACKAGE / "store").rglob("*.py"):
        assert imports_of(path) <= {"store", "model", "errors", "settings", "text"}, path.relative_to(PACKAGE)
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top not in ("cli", "web", "archive", "filing", "store"):
            assert not imports_of(path) & {"store", "archive"}, path.relative_to(PACKAGE)


def test_the_web_app_is_on_top_and_nothing_below_imports_it():
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top not in ("web", "cli"):
            assert "web" not in imports_of(path), f"{path.relative_to(PACKAGE)} imports the web app"
        if top == "web":
            assert "cli" not in imports_of(path), f"{path.relative_to(PACKAGE)} imports the CLI"


def test_spark_sits_beside_the_command_line_and_only_it_imports_pyspark():
    """spark/ chains the stages and workers.py on Spark, as cli does locally; only cli starts it."""
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top == "spark":
            assert not imports_of(path) & {"cli", "web", "store", "archive", "filing"}, path.relative_to(PACKAGE)
        else:
            assert "pyspark" not in path.read_text(), path.relative_to(PACKAGE)
            if top != "cli":
                assert "spark" not in imports_of(path), path.relative_to(PACKAGE)
