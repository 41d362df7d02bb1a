"""The newest-entries map behind the kept YAML parses and drawn charts."""

from __future__ import annotations

from toolkit.newest import Newest


def test_the_oldest_unread_entry_gives_way_and_reading_keeps_an_entry():
    kept: Newest[str, int] = Newest(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # now the newest
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (1, None, 3, 2)
    kept.put("a", 4)
    assert kept.get("a") == 4 and len(kept) == 2
    kept.clear()
    assert kept.get("a") is None and len(kept) == 0
