"""Column mapping: suggestions from the user's own column names, and the saved-mapping store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dashboard.ingest.registratie import (
    KINDS,
    MappingStore,
    field_names,
    read_export,
    suggest_mapping,
    validate,
)
from dashboard.ingest.registratie import mapping as mapping_module
from dashboard.ingest.registratie.problems import REDEN_GEHEEL_GETAL, Problem
from tests.fixtures.registratie import KNOWN, csv_bytes, pseudonymise

# --- suggestions -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_template_columns_map_to_themselves(kind):
    names = field_names(kind)
    assert suggest_mapping(kind, names) == {name: name for name in names}


@pytest.mark.parametrize(
    ("kind", "column", "field"),
    [
        # case, spaces, underscores, hyphens and accents do not matter
        ("inzet", "Startdatum", "startdatum"),
        ("inzet", "STARTDATUM", "startdatum"),
        ("inzet", "Professional Naam", "professional_naam"),
        ("inzet", "UREN_PER_WEEK", "uren_per_week"),
        ("inzet", "uren per week", "uren_per_week"),
        ("inzet", " Uren-per-week ", "uren_per_week"),
        ("bijeenkomsten", "Aantal deelnemers", "aantal_deelnemers"),
        ("deelnames", "Leeftijds groep", "leeftijdsgroep"),
        # common synonyms
        ("inzet", "Uren", "uren_per_week"),
        ("inzet", "Wijk", "wijkcode"),
        ("inzet", "Begindatum", "startdatum"),
        ("inzet", "Einde", "einddatum"),
        ("inzet", "Functie", "rol"),
        ("inzet", "Medewerkernummer", "professional_id"),
        ("inzet", "Naam medewerker", "professional_naam"),
        ("activiteiten", "Buurt", "buurtcode"),
        ("activiteiten", "Organisator", "organisatie_id"),
        ("activiteiten", "Soort activiteit", "type"),
        ("activiteiten", "Partnerorganisaties", "partners"),
        ("bijeenkomsten", "Bezoekers", "aantal_deelnemers"),
        ("bijeenkomsten", "Sessie", "bijeenkomst_id"),
        ("deelnames", "Deelnemer", "deelnemer_id"),
        ("deelnames", "Klantnummer", "deelnemer_id"),
        ("deelnames", "Cliëntnummer", "deelnemer_id"),
        ("deelnames", "Buurt", "woonbuurt"),
        ("deelnames", "Leeftijd", "leeftijdsgroep"),
    ],
)
def test_a_users_column_is_suggested_for_its_field(kind, column, field):
    assert suggest_mapping(kind, ["iets anders", column])[field] == column


def test_a_realistic_export_header():
    columns = [
        "Medewerker",
        "Naam medewerker",
        "Wijk",
        "Functie",
        "Organisatie",
        "Start",
        "Eind",
        "Uren",
        "Opmerking",
    ]
    assert suggest_mapping("inzet", columns) == {
        "inzet_id": None,
        "professional_id": None,
        "professional_naam": "Naam medewerker",
        "wijkcode": "Wijk",
        "rol": "Functie",
        "organisatie_id": "Organisatie",
        "organisatie_naam": None,
        "organisatie_soort": None,
        "startdatum": "Start",
        "einddatum": "Eind",
        "uren_per_week": "Uren",
    }


def test_exact_names_win_over_synonyms_and_each_column_is_used_once():
    mapping = suggest_mapping("inzet", ["Naam", "professional_naam", "Wijk", "wijkcode"])
    assert (mapping["professional_naam"], mapping["wijkcode"]) == ("professional_naam", "wijkcode")
    mapping = suggest_mapping("deelnames", ["Buurt", "Buurtcode"])
    # both are synonyms of woonbuurt; the first one is taken, the other stays unmapped
    assert mapping["woonbuurt"] == "Buurt"
    assert list(mapping.values()).count("Buurtcode") == 0


def test_unknown_columns_map_to_nothing():
    assert suggest_mapping("bijeenkomsten", ["x", "y"]) == dict.fromkeys(
        field_names("bijeenkomsten")
    )


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Onbekende soort import 'klanten'"):
        suggest_mapping("klanten", ["a"])


# --- the store -------------------------------------------------------------------------

USER_MAPPING = {
    "bijeenkomst_id": "Sessie",
    "activiteit_id": "Activiteit",
    "datum": "Datum",
    "aantal_deelnemers": "Bezoekers",
}


def test_save_load_and_names(tmp_path):
    store = MappingStore(tmp_path / "koppelingen")
    assert store.names() == []
    store.save("welzijn_oost", "bijeenkomsten", USER_MAPPING)
    store.save("Buurtteam-2024", "inzet", {"uren_per_week": "Uren", "wijkcode": "Wijk"})
    assert store.load("welzijn_oost") == ("bijeenkomsten", USER_MAPPING)
    kind, mapping = store.load("Buurtteam-2024")
    assert kind == "inzet"
    assert mapping == {
        **dict.fromkeys(field_names("inzet")),
        "uren_per_week": "Uren",
        "wijkcode": "Wijk",
    }
    assert store.names() == ["Buurtteam-2024", "welzijn_oost"]
    assert store.names("bijeenkomsten") == ["welzijn_oost"]
    assert store.names("deelnames") == []


def test_saving_again_replaces(tmp_path):
    store = MappingStore(tmp_path)
    store.save("m", "bijeenkomsten", USER_MAPPING)
    store.save("m", "bijeenkomsten", {**USER_MAPPING, "datum": "Dag"})
    assert store.load("m")[1]["datum"] == "Dag"
    assert store.names() == ["m"]


def test_file_is_readable_json(tmp_path):
    MappingStore(tmp_path).save("m", "bijeenkomsten", USER_MAPPING)
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8")) == {
        "kind": "bijeenkomsten",
        "mapping": USER_MAPPING,
    }


@pytest.mark.parametrize(
    "name",
    ["", "../buiten", "a/b", "a b", "m.json", "x" * 51, "café", "..", "naam\n", None],
)
def test_invalid_names_are_refused_everywhere(tmp_path, name):
    store = MappingStore(tmp_path / "k")
    for call in (
        lambda: store.save(name, "bijeenkomsten", USER_MAPPING),
        lambda: store.load(name),
    ):
        with pytest.raises(ValueError, match="Ongeldige naam voor een koppeling"):
            call()
    assert list(tmp_path.rglob("*")) == []


def test_longest_valid_name(tmp_path):
    store = MappingStore(tmp_path)
    store.save("x" * 50, "deelnames", {})
    assert store.names() == ["x" * 50]


@pytest.mark.parametrize(
    ("kind", "mapping", "message"),
    [
        ("klanten", {}, "Onbekende soort import 'klanten'"),
        (
            "inzet",
            {"leeftijd": "Leeftijd"},
            "Onbekende velden in de koppeling voor 'inzet': leeftijd",
        ),
        ("inzet", {"rol": 3}, "Kolom voor veld 'rol' moet tekst of leeg zijn"),
    ],
)
def test_invalid_mappings_are_refused(tmp_path, kind, mapping, message):
    with pytest.raises(ValueError, match=message):
        MappingStore(tmp_path).save("m", kind, mapping)
    assert list(tmp_path.iterdir()) == []


def test_loading_a_missing_mapping_names_the_saved_ones(tmp_path):
    store = MappingStore(tmp_path)
    store.save("oost", "bijeenkomsten", USER_MAPPING)
    with pytest.raises(LookupError, match="Koppeling 'west' bestaat niet; wel: oost"):
        store.load("west")


def test_a_damaged_file_is_reported_and_skipped_by_names(tmp_path):
    store = MappingStore(tmp_path)
    store.save("goed", "deelnames", {})
    (tmp_path / "kapot.json").write_text("{niet af", encoding="utf-8")
    with pytest.raises(ValueError, match=r"Koppeling 'kapot' is beschadigd \(kapot.json\)"):
        store.load("kapot")
    assert store.names("deelnames") == ["goed"]
    assert store.names() == ["goed", "kapot"]


def test_atomic_write_leaves_only_the_file(tmp_path):
    store = MappingStore(tmp_path)
    store.save("m", "bijeenkomsten", USER_MAPPING)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


@pytest.mark.parametrize("failing", ["json.dump", "os.replace"])
def test_a_failed_write_keeps_the_old_mapping_and_leaves_no_temp_file(
    tmp_path, monkeypatch, failing
):
    store = MappingStore(tmp_path)
    store.save("m", "bijeenkomsten", USER_MAPPING)

    def boom(*args, **kwargs):
        raise OSError("schijf vol")

    module, name = failing.split(".")
    monkeypatch.setattr(getattr(mapping_module, module), name, boom)
    with pytest.raises(OSError, match="schijf vol"):
        store.save("m", "bijeenkomsten", {**USER_MAPPING, "datum": "Dag"})
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]
    assert store.load("m") == ("bijeenkomsten", USER_MAPPING)


def test_replace_is_used_so_readers_never_see_half_a_file(tmp_path, monkeypatch):
    replaced: list[tuple[str, str]] = []
    real = os.replace

    def spy(src, dst):
        replaced.append((os.path.basename(src), os.path.basename(dst)))
        assert json.loads(Path(src).read_text(encoding="utf-8"))["kind"] == "deelnames"
        real(src, dst)

    monkeypatch.setattr(mapping_module.os, "replace", spy)
    MappingStore(tmp_path).save("m", "deelnames", {})
    [(src, dst)] = replaced
    assert (src.startswith(".m."), src.endswith(".tmp"), dst) == (True, True, "m.json")


# --- a saved mapping in use -----------------------------------------------------------


def test_a_saved_mapping_is_reused_on_the_next_export(tmp_path):
    header = ["Sessie", "Activiteit", "Dag", "Bezoekers", "Opmerking"]
    first = csv_bytes(header, [["BK-1", "ACT-1", "14-06-2024", "23", ""]])
    raw = read_export(first, "maart.csv")
    mapping = suggest_mapping("bijeenkomsten", raw.columns)
    assert mapping["datum"] is None  # "Dag" is not recognised: the user picks it once
    mapping["datum"] = "Dag"
    store = MappingStore(tmp_path)
    store.save("welzijn_oost", "bijeenkomsten", mapping)

    later = csv_bytes(header, [["BK-2", "ACT-2", "21-06-2024", "veel", ""]])
    kind, saved = store.load("welzijn_oost")
    v = validate(kind, read_export(later, "april.csv"), saved, KNOWN, pseudonymise)
    assert v.problems == [
        Problem("april.csv", 2, "Bezoekers", "veel", REDEN_GEHEEL_GETAL, "fout"),
    ]
