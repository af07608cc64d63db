"""corroborate on Apache Spark: the local path's code run over a cluster's cores.

    run(sc, ["crawl/", "feeds.jsonl"], Path("out"))   # out/articles.jsonl, out/stories.json

Nothing here annotates or clusters on its own: each report is read by the ingest stage,
cleaned and annotated by `workers.annotate_one` and profiled by the cluster stage's
`profiles`, on the executors; the stories are made on the driver by the cluster stage's
`StoryIndex` from the collected profiles. See docs/scale.md.
"""
from __future__ import annotations

import pyspark  # noqa: F401  (the optional extra: missing, it fails here, by its name)

from .context import spark_context
from .job import Outcome, run

__all__ = ["Outcome", "run", "spark_context"]
