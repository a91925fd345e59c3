"""dashboard.screens.dekking: the wijken without opbouwwerk, need against coverage per
gemeente and the parts of a wijk's need index, as display tables."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.screens.dekking import (
    components_table,
    download_tables,
    empty_at_end,
    high_need_low_coverage,
    kwadrant_known,
    per_gemeente,
    without_opbouwwerk,
)

# kwadrant codes as SQL returns them; the tables show them in words
HOOG_LAAG = "hoge_behoefte_lage_dekking"

# queries.dekking per wijk: the columns without_opbouwwerk reads
DEKKING = pd.DataFrame(
    {
        "gebiedscode": ["WK000101", "WK000102", "WK000201", "WK000301"],
        "gemeentecode": ["GM0001", "GM0001", "GM0002", "GM0003"],
        "naam": ["Centrum", "Noord", "Oost", "Zuid"],
        "inwoners": [1234, 5000, 12500, 800],
        "behoefte_index": [0.5, 1.256, None, -0.333],
        "kwadrant": [HOOG_LAAG, "hoge_behoefte_hoge_dekking", None, "lage_behoefte_lage_dekking"],
        "zonder_opbouwwerk": [True, False, True, True],
        "fte_opbouwwerk": [0.0, 1.25, None, 0.0],
        "fte_per_10000": [0.0, 2.5, None, 0.0],
    }
)


def test_without_opbouwwerk_highest_need_first_and_missing_need_last():
    table = without_opbouwwerk(DEKKING)
    # worked out by hand from DEKKING: Noord has opbouwwerk; of the others Centrum (0,50) comes
    # before Zuid (-0,33), and Oost without a need index comes last
    expected = pd.DataFrame(
        {
            "Wijk": ["Centrum", "Zuid", "Oost"],
            "Inwoners": ["1.234", "800", "12.500"],
            "Behoefte-index": ["0,50", "-0,33", "geen gegevens"],
            "Kwadrant": [
                "hoge behoefte, lage dekking",
                "lage behoefte, lage dekking",
                "geen gegevens",
            ],
        },
        index=[0, 3, 2],
    )
    pd.testing.assert_frame_equal(table, expected)


def test_without_opbouwwerk_names_the_gemeente_of_each_wijk():
    table = without_opbouwwerk(DEKKING, {"GM0001": "Eerstedorp", "GM0002": "Tweestad"})
    # as above, with the gemeente second; GM0003 has no name, so its code is shown
    expected = pd.DataFrame(
        {
            "Wijk": ["Centrum", "Zuid", "Oost"],
            "Gemeente": ["Eerstedorp", "GM0003", "Tweestad"],
            "Inwoners": ["1.234", "800", "12.500"],
            "Behoefte-index": ["0,50", "-0,33", "geen gegevens"],
            "Kwadrant": [
                "hoge behoefte, lage dekking",
                "lage behoefte, lage dekking",
                "geen gegevens",
            ],
        },
        index=[0, 3, 2],
    )
    pd.testing.assert_frame_equal(table, expected)


def test_the_wijken_with_high_need_and_low_coverage_by_need():
    """A policy maker's walk: Overzicht counts "3 van 9" of them, but no screen listed them."""
    more = pd.concat(
        [DEKKING, DEKKING.iloc[[1]].assign(naam="West", behoefte_index=2.0, kwadrant=HOOG_LAAG,
                                           fte_per_10000=0.456, inwoners=3000)],
        ignore_index=True,
    )  # fmt: skip
    table = high_need_low_coverage(more)
    # worked out by hand: Centrum (0,50) and West (2,00) are the two HOOG_LAAG rows; West first
    assert table.to_dict("list") == {
        "Wijk": ["West", "Centrum"],
        "Inwoners": ["3.000", "1.234"],
        "Behoefte-index": ["2,00", "0,50"],
        "Fte per 10.000 inwoners": ["0,46", "0,00"],
    }
    # and in the screen's download, the same wijken in the same order
    sheets = dict(download_tables(more, more, "Alle wijken", "Wijk", True))
    assert sheets["Hoge behoefte, lage dekking"].iloc[:, 0].tolist() == ["West", "Centrum"]


def test_without_opbouwwerk_when_every_wijk_has_it():
    table = without_opbouwwerk(DEKKING.assign(zonder_opbouwwerk=False))
    assert table.to_dict("records") == []
    assert list(table.columns) == ["Wijk", "Inwoners", "Behoefte-index", "Kwadrant"]


def test_per_gemeente_counts_wijken_and_sorts_the_biggest_gaps_first():
    gemeenten = pd.DataFrame(
        {
            "gemeentecode": ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"],
            "naam": ["Deedorp", "Ceeburg", "Beestad", "Aadorp", "Eemdorp"],
            "fte_per_10000": [1.234, None, 0.5, 12.0, 0.0],
        }
    )
    wijken = pd.DataFrame(
        {
            "gebiedscode": ["WK000101", "WK000102", "WK000201", "WK000301", "WK000302", "WK000501"],
            "gemeentecode": ["GM0001", "GM0001", "GM0002", "GM0003", "GM0003", "GM0005"],
            "kwadrant": [
                HOOG_LAAG,
                "lage_behoefte_lage_dekking",
                HOOG_LAAG,
                HOOG_LAAG,
                HOOG_LAAG,
                None,
            ],
            "zonder_opbouwwerk": [False, True, False, False, True, False],
        }
    )
    table = per_gemeente(gemeenten, wijken)
    # worked out by hand from the two frames (wijken, high need with low coverage, without opbouwwerk):
    # Deedorp 2, 1, 1; Ceeburg 1, 1, 0; Beestad 2, 2, 1; Aadorp no wijken: 0, unknown, 0;
    # Eemdorp 1, unknown (its wijk has no kwadrant), 0. Most gaps first (unknown last), then
    # most wijken without opbouwwerk, then by name.
    expected = pd.DataFrame(
        {
            "Gemeente": ["Beestad", "Deedorp", "Ceeburg", "Aadorp", "Eemdorp"],
            "Fte per 10.000 inwoners": ["0,50", "1,23", "geen gegevens", "12,00", "0,00"],
            "Wijken": ["2", "2", "1", "0", "1"],
            # Aadorp (no wijken) and Eemdorp (no wijk with a kwadrant): unknown, not 0
            "Hoge behoefte, lage dekking": ["2", "1", "1", "geen gegevens", "geen gegevens"],
            "Zonder opbouwwerk": ["1", "1", "0", "0", "0"],
        },
        index=[2, 0, 1, 3, 4],
    )
    pd.testing.assert_frame_equal(table, expected)


def test_components_table_labels_indicators_and_formats_the_numbers():
    components = pd.DataFrame(
        {
            "indicator": ["inkomen_laag", "eenpersoons"],
            "jaar": [2023, 2022],
            "waarde": [12.34, 1500.0],
            "z_score": [1.234, -0.5],
            "gewicht": [0.5, 0.25],
        }
    )
    indicatoren = pd.DataFrame(
        {
            "indicator": ["inkomen_laag", "ouderen"],
            "omschrijving": ["Huishoudens met een laag inkomen (%)", "65-plussers (%)"],
        }
    )
    table = components_table(components, indicatoren)
    # worked out by hand: an indicator without omschrijving keeps its code
    expected = pd.DataFrame(
        {
            "Indicator": ["Huishoudens met een laag inkomen (%)", "eenpersoons"],
            "Jaar": ["2023", "2022"],
            "Waarde": ["12,3", "1.500,0"],
            "Z-score (meer = meer behoefte)": ["1,23", "-0,50"],
            "Gewicht": ["0,50", "0,25"],
        }
    )
    pd.testing.assert_frame_equal(table, expected)


def test_whether_any_kwadrant_is_known():
    # a year before the CBS figures: no wijk has a kwadrant, so "no wijk with high need and
    # low coverage" would claim what is unknown
    assert kwadrant_known(DEKKING)
    assert not kwadrant_known(DEKKING.assign(kwadrant=None))


# queries.continuiteit_signalen on 31 oct 2026, as it returns them (no names for a public view)
SIGNALEN = pd.DataFrame(
    {
        "signaal": ["rol_onbezet", "rol_onbezet", "vertrek_zonder_opvolger", "rol_onbezet"],
        "wijkcode": ["WK000102", "WK000101", "WK000102", "WK000102"],
        "wijknaam": ["Noord", "Centrum", "Noord", "Noord"],
        "rol": ["opbouwwerker", "opbouwwerker", "opbouwwerker", "jongerenwerker"],
        "einddatum": pd.to_datetime(["2026-07-29", "2026-09-26", "2026-11-27", "2026-01-01"]),
        "dagen": [94, 35, 27, 303],
    }
)


def test_a_wijk_whose_opbouwwerker_left_is_named_beside_the_averages():
    # Noord had 1,25 fte in the period on average (DEKKING), and its opbouwwerker post is
    # empty since the day after 29 jul 2026. Centrum is empty too, but it is listed already
    # as without opbouwwerk; a departure to come and another rol are not about now.
    assert empty_at_end(SIGNALEN, DEKKING, date(2026, 10, 31)) == (
        "Op 31 okt 2026 was er geen opbouwwerker in Noord (sinds 30 jul 2026). De fte op de"
        " kaart en in de tabellen is het gemiddelde over de hele periode."
    )


def test_no_sentence_when_every_post_is_filled_at_the_end():
    filled = SIGNALEN[SIGNALEN["signaal"] != "rol_onbezet"]
    assert empty_at_end(filled, DEKKING, date(2026, 10, 31)) is None
    assert empty_at_end(SIGNALEN.iloc[0:0], DEKKING, date(2026, 10, 31)) is None
