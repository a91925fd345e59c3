"""dashboard.display.tables: the team lead's named signals for display."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.display.tables import named_signals_table


def test_named_signals_table_shows_the_sentence_and_dutch_dates():
    signals = pd.DataFrame(
        {
            "tekst": [
                "Oude Haven: geen opbouwwerker sinds 3 mrt 2026",
                "Fatima Bakker (opbouwwerker, Molenkwartier) stopt over 45 dagen; geen opvolger",
            ],
            "startdatum": [None, date(2020, 3, 1)],
            "einddatum": [date(2026, 3, 2), date(2026, 12, 15)],
        },
        dtype=object,
    )
    assert named_signals_table(signals).to_dict("records") == [
        {
            "Signaal": "Oude Haven: geen opbouwwerker sinds 3 mrt 2026",
            "Start inzet": "",
            "Einddatum": "2 mrt 2026",
        },
        {
            "Signaal": "Fatima Bakker (opbouwwerker, Molenkwartier) stopt over 45 dagen; geen opvolger",
            "Start inzet": "1 mrt 2020",
            "Einddatum": "15 dec 2026",
        },
    ]
