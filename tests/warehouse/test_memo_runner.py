"""queries.memo: each distinct call runs once; the CLI's zip of all wijken relies on it."""

from __future__ import annotations

from datetime import date

import duckdb

from dashboard.domain.period import Period
from dashboard.warehouse import queries, store


def test_each_call_runs_once(demo_db_path, monkeypatch):
    calls: list[str] = []
    real = queries.bereik

    def counted(con, *args, **kwargs):
        calls.append(kwargs.get("level", "wijk"))
        return real(con, *args, **kwargs)

    counted.__name__ = "bereik"
    period = Period(date(2025, 1, 1), date(2025, 12, 31))
    with duckdb.connect(store.resolve(demo_db_path), read_only=True) as con:
        run = queries.memo(con)
        first = run(counted)(period, level="wijk", gemeente="GM9999")
        again = run(counted)(period, gemeente="GM9999", level="wijk")
        other = run(counted)(period, level="gemeente", gemeente="GM9999")
    assert calls == ["wijk", "gemeente"]  # the second wijk call came from the memo
    assert again is first
    assert len(other) == 1 and len(first) == 9  # Lindenwaard's 9 wijken
