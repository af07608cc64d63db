"""Filing stored reports into stories: the cluster stage's StoryIndex run over the store.

Every report is stored with its profile (what the index compares: dates, names, the lead's
vector; its MinHash is the version's) in the transaction that stores its text. Filing takes
the reports in no story yet, rebuilds an index from the stored profiles dated within the days
those reports can reach (plus every report of the stories found there, since a story is judged
over all its reports), adds the new ones, and writes the outcome in one transaction: new
stories, reports put in stories, stored stories merged with the report that showed them to be
one event as the logged reason, copies linked to their original. So the cost of filing a batch
follows the reports of its weeks, not the whole store, and a killed ingest leaves reports in no
story, which the next ingest files.
"""
from __future__ import annotations

from collections import Counter

from .cluster import StoryIndex
from .cluster.evidence import WINDOW_DAYS
from .cluster.features import Profile, profiles
from .cluster.index import BUCKET_DAYS
from .model import Article
from .settings import Settings
from .store import FiledProfile, Store, StoryGroup


def profile_of(article: Article, key: str, settings: Settings) -> Profile:
    """The report's profile under its store key (stable whatever the order of ingest)."""
    profile = profiles([article], settings)[0]
    profile.id = key
    return profile


def stored_form(profile: Profile) -> tuple[int | None, dict]:
    """(day, data) as the store keeps them: the MinHash and key live in their own columns."""
    data = profile.to_dict()
    del data["minhash"], data["id"]
    return profile.day, data


def file_unfiled(store: Store, settings: Settings) -> Counter:
    """File every stored report that is in no story yet; counts filed reports, new stories, merges.

    The index is rebuilt by adding the nearby filed reports, then the new ones: a new report
    joins the stored story of the filed reports the index puts it with, opens a story when it
    is put with none, and merges the stored stories when it is put with reports of several.
    Filed reports never move otherwise, so a story once seen keeps its reports."""
    unfiled = store.unfiled_profiles()
    if not unfiled:
        return Counter()
    loaded = {p.key: p for p in nearby_profiles(store, unfiled)}
    index = StoryIndex(settings)
    index.add_profiles([as_profile(p) for p in loaded.values()])
    index.add_profiles([as_profile(p) for p in unfiled])
    report_id = {k: p.report_id for k, p in loaded.items()} | {p.key: p.report_id for p in unfiled}
    new = {p.key for p in unfiled}
    groups, opened, merges = [], 0, 0
    for story in index.stories():
        arrived = sorted(k for k in story.articles if k in new)
        if not arrived:
            continue
        held = Counter(loaded[k].story_id for k in story.articles if k in loaded)
        stored = sorted(held, key=lambda s: (-held[s], s))  # the story holding most of them keeps its id
        groups.append(StoryGroup(reports=sorted(report_id[k] for k in arrived), stored=stored, title=story.title,
                                 reason=merge_reason(index, arrived)))
        opened += not stored
        merges += max(len(stored) - 1, 0)
    store.file_stories(groups, copies_among(index.copies, report_id, new))
    return Counter({"filed": len(unfiled), "new stories": opened, "merged stories": merges})


def nearby_profiles(store: Store, unfiled: list[FiledProfile]) -> list[FiledProfile]:
    """Filed reports the new ones may be compared with: those in the index's window of their
    dates (whole weeks, as the index keeps them), and every report of the stories they are in."""
    days = [p.profile["day"] for p in unfiled]
    spans = None if None in days else merged_spans(
        [((d - WINDOW_DAYS) // BUCKET_DAYS * BUCKET_DAYS, ((d + WINDOW_DAYS) // BUCKET_DAYS + 1) * BUCKET_DAYS - 1)
         for d in days])
    near = [p for p in store.profiles_within(spans) if p.story_id is not None]
    found = {p.key: p for p in near}
    for p in store.profiles_of_stories(sorted({p.story_id for p in near})):
        found.setdefault(p.key, p)
    return list(found.values())


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def as_profile(p: FiledProfile) -> Profile:
    return Profile.from_dict({**p.profile, "id": p.key, "minhash": p.minhash})


def merge_reason(index: StoryIndex, arrived: list[str]) -> str:
    report = index.profiles[arrived[0]]
    return f"the report '{report.title}'" + (f" ({report.outlet})" if report.outlet else "") + \
        " tells the event of both" + (f" (with {len(arrived) - 1} more reports filed at once)" if len(arrived) > 1 else "")


def copies_among(pairs: list[tuple[str, str]], report_id: dict[str, int], new: set[str]) -> dict[int, int]:
    """Each new report that carries another's text, linked to the earliest stored of them."""
    originals: dict[int, int] = {}
    new_ids = {report_id[k] for k in new}
    for a, b in pairs:
        if a not in report_id or b not in report_id:
            continue
        original, copy = sorted((report_id[a], report_id[b]))
        if copy in new_ids:
            originals[copy] = min(originals.get(copy, original), original)
    return originals
