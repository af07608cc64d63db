"""A SparkContext set up for corroborate: quiet, on the loopback address when local, scratch
space under the temporary folder, and one BLAS thread in every executor process."""
from __future__ import annotations

import os
import sys
import tempfile

from ..nlp import BLAS_THREAD_VARIABLES


def spark_context(master: str | None = None, app_name: str = "corroborate"):
    """`master` as spark-submit takes it (local[2], yarn, k8s://...); without it, the master
    spark-submit was given, else every local core."""
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName(app_name)
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    if conf.get("spark.master").startswith("local"):
        # a run on one machine listens on the loopback address only
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1").setIfMissing("spark.driver.host", "127.0.0.1")
        # the executors are this machine's Python processes: the interpreter corroborate runs in
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf.setIfMissing("spark.ui.enabled", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.log.level", "ERROR")
    conf.setIfMissing("spark.local.dir", os.path.join(tempfile.gettempdir(), "corroborate-spark"))
    # one process per core, each with one BLAS thread (docs/scale.md, "Threads")
    for name in BLAS_THREAD_VARIABLES:
        conf.setIfMissing(f"spark.executorEnv.{name}", os.environ.get(name, "1"))
    return SparkContext.getOrCreate(conf)
