"""Whether two reports tell one event, judged from their profiles as a reporter would: a shared
text settles it; otherwise the dates must fit one window, and the lead must read alike while
naming the same people, places and organisations. Every rule looks at the two reports alone,
so the verdict does not depend on what else has been read, or in which order."""
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


def same_event(a: Profile, b: Profile, cosine: float) -> bool:
    if dates_conflict(a, b):
        return False
    overlap = name_overlap(a, b)
    return cosine >= 0.8 and overlap > 0 or cosine >= 0.55 and overlap >= 0.35
