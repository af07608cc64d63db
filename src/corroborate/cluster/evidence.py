"""Whether two reports tell one event, judged from their profiles as a reporter would: a shared
text settles it; otherwise the dates should fit one window, the leads read alike, and the
reports name the same people, places and organisations, and not each its own main person."""
from __future__ import annotations

import numpy as np

from .features import Profile

# Reports of one event are written within days of it; follow-ups within weeks.
WINDOW_DAYS = 10


def copy_jaccard(a: Profile, b: Profile) -> float:
    return float(np.mean(a.minhash == b.minhash))


def dates_conflict(a: Profile, b: Profile) -> bool:
    """Dated more than the window apart, or naming years that never meet."""
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) > WINDOW_DAYS
    return bool(a.years) and bool(b.years) and not set(a.years) & set(b.years)


def shared_names(a: Profile, b: Profile) -> list[str]:
    return sorted(set(a.names) & set(b.names))


def name_overlap(a: Profile, b: Profile) -> float:
    """Weighted overlap of the names each report gives, by mentions: 1 when both name the same
    people and places as often, 0 when they share none."""
    shared = set(a.names) & set(b.names)
    if not shared:
        return 0.0
    small = sum(min(a.names[n], b.names[n]) for n in shared)
    return small / min(sum(a.names.values()), sum(b.names.values()))


def is_copy(a: Profile, b: Profile, jaccard: float) -> bool:
    """One text carried twice (wire copy, reprint, light edit); a template filled with other
    names or dates (results, weather, earnings) is not."""
    if copy_jaccard(a, b) < jaccard or dates_conflict(a, b):
        return False
    return not (a.names and b.names and not set(a.names) & set(b.names))


def people_conflict(a: Profile, b: Profile) -> bool:
    """Each report is mostly about a person the other never names: two events of one kind
    (two celebrities in rehab, two hosts of one award show)."""
    return bool(a.main_person and b.main_person and a.main_person not in b.names and b.main_person not in a.names)


def affinity(a: Profile, b: Profile, cosine: float) -> float:
    """How strongly two reports read as one event: their leads' cosine, raised by the names they
    share, lowered when their dates or their main people conflict. Stories join at STORY_AFFINITY
    on average over their reports (average link: one odd pair neither makes nor breaks a story)."""
    return cosine + 0.3 * name_overlap(a, b) - 0.3 * dates_conflict(a, b) - 0.2 * people_conflict(a, b)


STORY_AFFINITY = 0.55
