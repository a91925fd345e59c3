"""dashboard.display.tables: the team lead's named signals for display; the figures of a
download (numbers as numbers, the small-number rule as on screen)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.display.tables import bereik_figures, named_signals_table


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


def test_bereik_figures_keep_numbers_and_hide_small_counts_as_the_screen_does():
    reach = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK2", "WK3", "WK4"],
            "naam": ["Centrum", "=Noord", "Oost", "Zuid"],
            "inwoners": [1200, 800, None, 500],
            "bijeenkomsten": [10, 4, 0, 2],
            # Zuid's counts are the smallest beside Noord's small ones: hidden with them, so
            # the totals minus the shown areas do not give Noord's back (worked by hand below)
            "deelnames": [50, 3, 0, 10],
            "unieke_deelnemers": [20, 3, 0, 8],
            "bereik_per_1000": [16.66666, 3.75, None, 16.0],
            "bereikte_inwoners": [20, 3, 0, 8],
            # 10% of 20 is 2 persons: hidden; 3 participants: "<5 deelnemers"; 50% of 8 is 4
            "herhaal_pct": [10.0, 33.3, None, 50.0],
            # Zuid: 5 new of 8 says 3 came before: hidden in its own row
            "nieuw": [6, 2, 0, 5],
            "bewonersinitiatief_pct": [25.0, 50.0, None, 0.0],
        }
    )
    frame = bereik_figures(reach)
    # an unknown figure is an empty cell (pandas holds it as NaN; the workbook writes nothing)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert rows == [
        {
            "Gebied": "Centrum",
            "Gebiedscode": "WK1",
            "Inwoners": 1200,
            "Bijeenkomsten": 10,
            "Deelnames": 50,
            "Unieke deelnemers": 20,
            "Bereik per 1.000 inwoners": 16.7,
            "Herhaalbezoek (%)": "verborgen (kleine aantallen)",
            "Nieuwe deelnemers": 6,
            "Bewonersinitiatief (%)": 25.0,
        },
        {
            "Gebied": "=Noord",  # made safe by the workbook writer, not here
            "Gebiedscode": "WK2",
            "Inwoners": 800,
            "Bijeenkomsten": 4,
            "Deelnames": "<5",
            "Unieke deelnemers": "<5",
            "Bereik per 1.000 inwoners": "<5 bewoners",
            "Herhaalbezoek (%)": "<5 deelnemers",
            "Nieuwe deelnemers": "<5",
            "Bewonersinitiatief (%)": 50.0,
        },
        {
            "Gebied": "Oost",
            "Gebiedscode": "WK3",
            "Inwoners": None,
            "Bijeenkomsten": 0,
            "Deelnames": 0,
            "Unieke deelnemers": 0,
            "Bereik per 1.000 inwoners": None,
            "Herhaalbezoek (%)": None,
            "Nieuwe deelnemers": 0,
            "Bewonersinitiatief (%)": None,
        },
        {
            # 3 + 10 deelnames, 3 + 8 deelnemers and residents reached, 2 + 5 new: hidden;
            # Centrum's counts stay (the hidden ones together are 5 or more)
            "Gebied": "Zuid",
            "Gebiedscode": "WK4",
            "Inwoners": 500,
            "Bijeenkomsten": 2,
            "Deelnames": "verborgen (kleine aantallen)",
            "Unieke deelnemers": "verborgen (kleine aantallen)",
            "Bereik per 1.000 inwoners": "verborgen (kleine aantallen)",
            "Herhaalbezoek (%)": "verborgen (kleine aantallen)",
            "Nieuwe deelnemers": "verborgen (kleine aantallen)",
            "Bewonersinitiatief (%)": 0.0,
        },
    ]
