"""queries.together: independent query-API calls at once, each on its own cursor, results in
the order asked and equal to the calls one after the other."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard.domain.period import Period
from dashboard.warehouse import queries


def test_calls_at_once_give_what_they_give_one_by_one(demo_db_path: str) -> None:
    # One connection shared by threads is not safe (docs/STACK_NOTES: it refuses or returns
    # another thread's result); the runners give every call its own cursor.
    con = duckdb.connect(demo_db_path, read_only=True)
    for run in (queries.on(con), queries.memo(con)):
        bereik, dekking = run(queries.bereik), run(queries.dekking)
        years = [Period(date(y, 1, 1), date(y, 12, 31)) for y in range(2021, 2026)]
        calls = [
            *(lambda p=p, q=bereik: q(p, level="wijk", gemeente="GM9999") for p in years),
            *(lambda p=p, q=dekking: q(p, level="wijk", gemeente="GM9999") for p in years),
        ]
        one_by_one = [call() for call in calls]
        at_once = queries.together(*calls)
        assert len(at_once) == len(one_by_one) == 10
        for got, expected in zip(at_once, one_by_one, strict=True):
            pd.testing.assert_frame_equal(got, expected)
        # in the order asked: each year's frame is its own (deelnames differ per year)
        totals = [int(frame["deelnames"].sum()) for frame in at_once[:5]]
        assert len(set(totals)) == 5


def test_one_call_or_none():
    assert queries.together() == []
    assert queries.together(lambda: 7) == [7]
