"""Without --token the server makes one at first start and keeps it (owner-only) for the next."""
from __future__ import annotations

import stat

from corroborate.web.options import stored_or_new_token


def test_a_token_is_made_once_and_kept(tmp_path):
    path = tmp_path / "corroborate" / "token"
    token, new = stored_or_new_token(path)
    assert new and len(token) >= 30
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stored_or_new_token(path) == (token, False)
