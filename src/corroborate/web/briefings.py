"""Briefings of stored stories, computed once per story version and kept.

A story's briefing is analysed from its stored reports (no model loads), which takes seconds;
a page view must take milliseconds. So each briefing is cached under the story's version key
(its reports and their versions): a report that joins, leaves or changes makes a new key, and
the next view (or the ingestion job, which warms the stories it touched) computes it once.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from ..archive import stored_briefing
from ..model import Briefing
from ..render import jsonout
from ..settings import Settings
from ..store import Store
from .catalog import StorySummary, version_key

KEPT = 128  # briefings in memory (each with its JSON and page, about 1 MB for ten reports)


@dataclass
class Entry:
    briefing: Briefing
    rendered: dict = field(default_factory=dict)  # what was rendered from it, encoded, by name (JSON, pages)

    def json(self) -> bytes:
        if "json" not in self.rendered:
            self.rendered["json"] = jsonout.render(self.briefing).encode()
        return self.rendered["json"]


class Briefings:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.kept: OrderedDict[tuple, Entry] = OrderedDict()
        self.lock = threading.Lock()  # guards `kept`
        self.analysing = threading.Lock()  # one analysis at a time: they share the encoder's cache and 2 cores

    def of(self, summary: StorySummary) -> Entry:
        return self.of_reports(version_key(summary), [m.report_id for m in summary.members])

    def of_reports(self, key: tuple, report_ids: list[int]) -> Entry:
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        with self.analysing:
            with self.lock:
                if key in self.kept:
                    return self.kept[key]
            entry = Entry(stored_briefing(self.store, report_ids, self.settings) if report_ids else Briefing(articles=[]))
        with self.lock:
            self.kept[key] = entry
            while len(self.kept) > KEPT:
                self.kept.popitem(last=False)
        return entry

    def cached(self, summary: StorySummary) -> bool:
        with self.lock:
            return version_key(summary) in self.kept


def changes_since(briefings: Briefings, summary: StorySummary, since: str) -> dict:
    """What arrived after `since` (ISO time): new and updated reports, and the disagreements and
    claims the briefing has now that the reports stored before `since` did not give."""
    new = [m for m in summary.members if m.added_at > since and m.version == 1]
    updated = [m for m in summary.members if m.ingested_at > since and m not in new]
    before = [m.report_id for m in summary.members if m not in new]
    now = briefings.of(summary).briefing
    then = briefings.of_reports(("before", summary.id, tuple(before), since), before).briefing if new else now

    def disagreements(b: Briefing) -> set:
        return {(d.kind, d.about) for d in b.discrepancies}

    def claims(b: Briefing) -> set:
        return {c.text for c in b.claims}

    fresh = disagreements(now) - disagreements(then)
    return {
        "since": since,
        "new_reports": [{"id": m.report_id, "title": m.title, "outlet": m.outlet} for m in new],
        "updated_reports": [{"id": m.report_id, "title": m.title, "outlet": m.outlet, "version": m.version} for m in updated],
        "new_disagreements": [{"kind": d.kind, "about": d.about, "verdict": d.verdict} for d in now.discrepancies
                              if (d.kind, d.about) in fresh],
        "new_claims": sorted(claims(now) - claims(then)),
    }


def describe(change: dict) -> str:
    """'2 new reports, 1 new disagreement' (or 'nothing new')."""
    parts = [(len(change["new_reports"]), "new report"), (len(change["updated_reports"]), "updated report"),
             (len(change["new_disagreements"]), "new disagreement"), (len(change["new_claims"]), "new claim")]
    said = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in parts if n]
    return ", ".join(said) or "nothing new"
