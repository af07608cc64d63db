"""Headless Chromium for the browser tests: one launch, and a page that records every console
error, script error, dialog and request that leaves what the test allows."""
from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# a closed network: keep Chromium from reaching for update and sync services
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def watched_page():
    """`with watched_page(allowed_prefixes) as page:` page.problems lists what went wrong."""
    playwright = pytest.importorskip("playwright.sync_api")

    @contextmanager
    def open_page(allowed: tuple[str, ...]):
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
            page.on("request", lambda r: problems.append(f"request off limits: {r.url}")
                    if not r.url.startswith(allowed) else None)
            page.problems = problems
            try:
                yield page
            finally:
                browser.close()

    return open_page
