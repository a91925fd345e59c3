"""Kerncijfers from CBS StatLine, served from hand-made responses in tests/data/statline/."""

from __future__ import annotations

import json
import math
import socket
import urllib.error

import pandas as pd
import pytest

from dashboard.ingest import statline
from dashboard.ingest.statline import StatlineUnavailable, fetch_kerncijfers
from tests.fixtures.statline import PAGE1, PAGE2, FakeStatline, utrecht


def waarden(frame: pd.DataFrame, code: str) -> dict[str, float]:
    rows = frame[frame["gebiedscode"] == code]
    return dict(zip(rows["indicator"], rows["waarde"], strict=True))


def test_both_pages_are_read_in_order():
    opener = utrecht()
    frame = fetch_kerncijfers("GM0344", 2024, opener=opener)
    assert opener.calls == [PAGE1, PAGE2]
    assert list(frame.columns) == ["gebiedscode", "jaar", "indicator", "waarde"]
    # the first page has GM0344, WK034401 and two buurten; the second WK034402 and BU03440201
    assert sorted(frame["gebiedscode"].unique()) == [
        "BU03440101",
        "BU03440102",
        "BU03440201",
        "GM0344",
        "WK034401",
        "WK034402",
    ]
    assert set(frame["jaar"]) == {2024}
    assert frame.dtypes["jaar"] == "int64" and frame.dtypes["waarde"] == "float64"


def test_padding_is_stripped_and_other_gemeenten_dropped():
    frame = fetch_kerncijfers("GM0344", 2024, opener=utrecht())
    codes = set(frame["gebiedscode"])
    assert all(code == code.strip() and len(code) in (6, 8, 10) for code in codes)
    # Almere's BU00340344 matches substringof('0344', ...) but is not a region of Utrecht
    assert "BU00340344" not in codes
    assert not frame["indicator"].str.contains(" ").any()


def test_values_and_unit_conversion_for_a_wijk():
    frame = fetch_kerncijfers("GM0344", 2024, opener=utrecht())
    assert waarden(frame, "WK034401") == {
        "aantal_inwoners": 29710.0,
        "mannen": 14320.0,
        "vrouwen": 15385.0,
        "aantal_huishoudens": 16165.0,
        "gemiddelde_huishoudsgrootte": 1.8,
        "bevolkingsdichtheid_inwoners_per_km2": 3669.0,
        "gemiddeld_inkomen_per_inwoner": 33.8,
        "percentage_huishoudens_met_laag_inkomen": 10.2,
        # StatLine counts, published by us as a percentage (1 decimal) of inwoners / huishoudens
        "percentage_personen_0_tot_15_jaar": 14.0,  # 4160 / 29710
        "percentage_personen_15_tot_25_jaar": 15.0,  # 4455 / 29710
        "percentage_personen_25_tot_45_jaar": 41.0,  # 12180 / 29710
        "percentage_personen_45_tot_65_jaar": 20.0,  # 5945 / 29710
        "percentage_personen_65_jaar_en_ouder": 10.0,  # 2971 / 29710
        "percentage_eenpersoonshuishoudens": 55.0,  # 8890 / 16165 = 54.995
        "percentage_huishoudens_zonder_kinderen": 23.7,  # 3830 / 16165
        "percentage_huishoudens_met_kinderen": 21.3,  # 3445 / 16165
    }
    gemeente = waarden(frame, "GM0344")
    assert gemeente["aantal_inwoners"] == 374215.0
    assert gemeente["percentage_personen_65_jaar_en_ouder"] == 10.5  # 39290 / 374215 = 10.499
    assert gemeente["percentage_eenpersoonshuishoudens"] == 50.0  # 93230 / 186460


def test_nulls_become_nan():
    frame = fetch_kerncijfers("GM0344", 2024, opener=utrecht())
    tiny = waarden(frame, "BU03440201")  # 5 inwoners: CBS keeps the rest secret (null)
    assert tiny["aantal_inwoners"] == 5.0
    assert tiny["bevolkingsdichtheid_inwoners_per_km2"] == 12.0
    unknown = {k for k, v in tiny.items() if math.isnan(v)}
    assert unknown == set(tiny) - {"aantal_inwoners", "bevolkingsdichtheid_inwoners_per_km2"}
    # a count whose denominator is unknown is unknown, not a number
    wijk = waarden(frame, "WK034402")
    assert math.isnan(wijk["aantal_huishoudens"])
    assert math.isnan(wijk["percentage_eenpersoonshuishoudens"])
    assert wijk["percentage_personen_65_jaar_en_ouder"] == 10.0  # 4522 / 45220


def test_no_inwoners_means_no_percentage_but_a_real_zero():
    empty = waarden(fetch_kerncijfers("GM0344", 2024, opener=utrecht()), "BU03440102")
    assert empty["aantal_inwoners"] == 0.0
    assert math.isnan(empty["percentage_personen_65_jaar_en_ouder"])
    assert math.isnan(empty["percentage_eenpersoonshuishoudens"])
    assert math.isnan(empty["gemiddeld_inkomen_per_inwoner"])


def _page(rows: list[dict]) -> bytes:
    return json.dumps({"odata.metadata": "x", "value": rows}).encode()


def test_soort_decides_the_kind_of_code():
    rows = [
        {"SoortRegio_2": "Land      ", "Codering_3": "NL00      ", "AantalInwoners_5": 17_900_000},
        {"SoortRegio_2": "Gemeente  ", "Codering_3": "GM0344    ", "AantalInwoners_5": 10},
        {"SoortRegio_2": "Wijk      ", "Codering_3": "WK034401  ", "AantalInwoners_5": 20},
        {"SoortRegio_2": "Buurt     ", "Codering_3": "BU03440101", "AantalInwoners_5": 30},
        # inconsistent rows are dropped rather than stored under a wrong level
        {"SoortRegio_2": "Wijk      ", "Codering_3": "BU03440102", "AantalInwoners_5": 40},
        {"SoortRegio_2": "Buurt     ", "Codering_3": "BU034401  ", "AantalInwoners_5": 50},
        # no Codering: the WijkenEnBuurten key is the code as well
        {"SoortRegio_2": "Buurt     ", "WijkenEnBuurten": "BU03440103", "AantalInwoners_5": 60},
    ]
    frame = fetch_kerncijfers("GM0344", 2024, opener=FakeStatline({PAGE1: _page(rows)}))
    assert frame[["gebiedscode", "waarde"]].values.tolist() == [
        ["BU03440101", 30.0],
        ["BU03440103", 60.0],
        ["GM0344", 10.0],
        ["WK034401", 20.0],
    ]
    assert set(frame["indicator"]) == {"aantal_inwoners"}


@pytest.mark.parametrize("jaar", [2021, 2022, 2023, 2024])
def test_every_known_year_has_its_table(jaar: int):
    table = statline.KERNCIJFERS_TABELLEN[jaar]
    url = statline.kerncijfers_url("GM0344", jaar)
    assert url.startswith(f"https://opendata.cbs.nl/ODataApi/odata/{table}/TypedDataSet?")


def test_unknown_year_is_a_dutch_value_error():
    opener = utrecht()
    with pytest.raises(ValueError) as info:
        fetch_kerncijfers("GM0344", 2019, opener=opener)
    assert str(info.value) == (
        "Geen StatLine-tabel met kerncijfers bekend voor 2019; bekende jaren: 2021, 2022, 2023, 2024."
    )
    assert opener.calls == []


def test_a_gemeente_that_is_not_in_the_table():
    opener = FakeStatline({PAGE1.replace("0344", "9999"): _page([])})
    with pytest.raises(ValueError) as info:
        fetch_kerncijfers("GM9999", 2024, opener=opener)
    assert str(info.value) == "Gemeente GM9999 komt niet voor in StatLine-tabel 85984NED (2024)."


def test_invalid_gemeente_code():
    with pytest.raises(ValueError, match="Ongeldige gemeentecode 'GM344'"):
        fetch_kerncijfers("GM344", 2024, opener=utrecht())


@pytest.mark.parametrize(
    "failure",
    [
        urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
        TimeoutError("timed out"),
        ConnectionResetError(104, "Connection reset by peer"),
        urllib.error.HTTPError(PAGE1, 503, "Service Unavailable", {}, None),
    ],
    ids=["dns", "timeout", "reset", "http503"],
)
def test_network_failure_is_statline_unavailable(failure: Exception):
    with pytest.raises(StatlineUnavailable) as info:
        fetch_kerncijfers("GM0344", 2024, opener=FakeStatline({PAGE1: failure}))
    text = str(info.value)
    assert text.startswith("CBS StatLine is niet bereikbaar: ")
    assert text.endswith("; laad de kerncijfers uit een bestand.")


def test_failure_on_the_second_page_gives_no_half_result():
    opener = FakeStatline({PAGE1: "85984NED_GM0344_page1.json", PAGE2: TimeoutError("timed out")})
    with pytest.raises(StatlineUnavailable, match="timed out"):
        fetch_kerncijfers("GM0344", 2024, opener=opener)
    assert opener.calls == [PAGE1, PAGE2]


def test_an_answer_that_is_not_odata_json():
    opener = FakeStatline({PAGE1: b"<html>Onderhoud</html>"})
    with pytest.raises(StatlineUnavailable, match="geen OData-JSON"):
        fetch_kerncijfers("GM0344", 2024, opener=opener)


def test_a_nextlink_loop_is_stopped():
    looping = json.dumps({"value": [], "odata.nextLink": PAGE1}).encode()
    with pytest.raises(StatlineUnavailable, match="meer pagina's"):
        fetch_kerncijfers("GM0344", 2024, opener=FakeStatline({PAGE1: looping}))


def test_default_opener_uses_urllib_with_a_timeout(monkeypatch: pytest.MonkeyPatch):
    seen: dict[str, object] = {}

    def offline(request, timeout):
        seen["url"], seen["timeout"] = request.full_url, timeout
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(statline.urllib.request, "urlopen", offline)
    with pytest.raises(StatlineUnavailable) as info:
        fetch_kerncijfers("GM0344", 2024)
    assert seen == {"url": PAGE1, "timeout": 30}
    assert str(info.value) == (
        "CBS StatLine is niet bereikbaar: Name or service not known; "
        "laad de kerncijfers uit een bestand."
    )
