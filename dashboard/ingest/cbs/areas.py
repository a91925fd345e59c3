"""The areas of a CBS file: codes, names and parent codes checked and completed, per level.

Code checks use the domain's patterns (`dashboard.domain.codes.CODE_PATTERNS`, as the
database's check constraints): ASCII digits, and in wijk- and buurtcodes capitals (Amsterdam's
WK0363AA, BU0363AA01). Codes are upper-cased first; parents are compared by characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.domain.codes import CBS_LEVELS, CODE_PATTERNS, GEMEENTE, PSEUDO_GEMEENTEN, WGS84
from dashboard.i18n import N_
from dashboard.ingest.cbs.columns import (
    CODE_COLUMN,
    NAME_COLUMN,
    NOUN,
    clean_text,
)
from dashboard.ingest.cbs.messages import CbsImportError, by_number, count, error, some
from dashboard.ingest.registratie.problems import register_templates

PARENT = {"wijk": "gemeente", "buurt": "wijk"}

# reasons and notes (Dutch; the UI shows them through registratie.shown_reason). A {count}
# is messages.count's "3 buurten"; a verb that agrees with it makes a singular and a plural.
_BAD_GEMEENTE = N_("Ongeldige gemeentecode {codes}: verwacht GM en 4 cijfers, zoals GM0344.")
_WITHOUT_CODE = N_("{count} zonder {column}.")
_WITHOUT_NAME = N_("{count} zonder naam in {bestand}; de naam is afgeleid van de code.")
_PSEUDO_LEFT_OUT = N_(
    "{count} van {gemeenten} weggelaten: dat is geen gebied in Nederland en telt in geen "
    "enkel totaal mee."
)
_WATER_LEFT_OUT = N_(
    "Van {count} is het watervlak weggelaten; het landvlak met dezelfde code blijft."
)
_GEMEENTE_ABSENT = N_("Gemeente {code} komt niet voor in {bestand}.")
_GEMEENTEN_ABSENT = N_("Gemeenten {codes} komen niet voor in {bestand}.")
_BAD_CODES = (
    N_("{n} ongeldige {column} (verwacht zoals {example}): {codes}."),
    N_("{n} ongeldige {column}s (verwacht zoals {example}): {codes}."),
)
_EXAMPLES = {
    "gemeente": "GM0344",
    "wijk": N_("WK034401 of WK0363AA"),
    "buurt": N_("BU03440101 of BU0363AA01"),
}
_DUPLICATE_CODES = N_("dubbele {column}s: {codes}.")
_NOT_IN_PARENT = (
    N_("{n} {column} past niet bij de {parent}: {pairs}."),
    N_("{n} {column}s passen niet bij de {parent}: {pairs}."),
)
_ORPHANS = (
    N_("{count} verwijst naar een {parent} die niet in het bestand staat: {codes}."),
    N_("{count} verwijzen naar een {parent} die niet in het bestand staat: {codes}."),
)
register_templates(
    _BAD_GEMEENTE,
    _WITHOUT_CODE,
    _WITHOUT_NAME,
    _PSEUDO_LEFT_OUT,
    _WATER_LEFT_OUT,
    _GEMEENTE_ABSENT,
    _GEMEENTEN_ABSENT,
    *_BAD_CODES,
    _DUPLICATE_CODES,
    *_NOT_IN_PARENT,
    *_ORPHANS,
)


def wanted_gemeenten(gemeenten: Sequence[str] | None) -> list[str] | None:
    """The gemeentecodes asked for, upper-cased and checked, each once (None: all)."""
    if gemeenten is None:
        return None
    if isinstance(gemeenten, str):  # one code passed bare: not a sequence of characters
        gemeenten = [gemeenten]
    wanted = [str(code).strip().upper() for code in gemeenten]
    wrong = [code for code in wanted if not CODE_PATTERNS[GEMEENTE].fullmatch(code)]
    if wrong:
        raise CbsImportError(_BAD_GEMEENTE.format(codes=", ".join(wrong)))
    return list(dict.fromkeys(wanted))


def clean_areas(
    path: Path, level: str, frame: gpd.GeoDataFrame, meldingen: list[str]
) -> gpd.GeoDataFrame:
    """One level's rows with code, naam, parent codes and gemeentecode; indicators stay as columns."""
    frame = _drop_water_parts(level, frame, meldingen)
    code_col = CODE_COLUMN[level]
    frame = frame.copy()
    frame[code_col] = clean_text(frame[code_col]).str.upper()
    missing = int(frame[code_col].isna().sum())
    if missing:
        raise error(path, _WITHOUT_CODE.format(count=count(missing, level), column=code_col))
    for parent_level in CBS_LEVELS[: CBS_LEVELS.index(level)]:
        parent_col = CODE_COLUMN[parent_level]
        if parent_col in frame.columns:
            frame[parent_col] = clean_text(frame[parent_col]).str.upper()
    # CBS codes nest by construction, so a missing parent code column follows from the code
    if level == "buurt" and "wijkcode" not in frame.columns:
        frame["wijkcode"] = "WK" + frame[code_col].str.slice(2, 8)
    if level != "gemeente" and "gemeentecode" not in frame.columns:
        frame["gemeentecode"] = "GM" + frame[code_col].str.slice(2, 6)

    name_col = NAME_COLUMN[level] if NAME_COLUMN[level] in frame.columns else "naam"
    names = clean_text(frame[name_col]) if name_col in frame.columns else None
    if names is None:
        names = pd.Series(pd.NA, index=frame.index, dtype="str")
    unnamed = int(names.isna().sum())
    if unnamed:
        meldingen.append(_WITHOUT_NAME.format(count=count(unnamed, level), bestand=path.name))
        names = names.fillna(name_from_code(level, frame[code_col]))
    frame["_naam"] = names
    return _drop_pseudo_gemeenten(level, frame, meldingen)


def _drop_pseudo_gemeenten(
    level: str, frame: gpd.GeoDataFrame, meldingen: list[str]
) -> gpd.GeoDataFrame:
    """Leave out the rows of CBS pseudo-gemeenten (GM0998 Buitenland): no area, no inwoners."""
    pseudo = frame["gemeentecode"].isin(list(PSEUDO_GEMEENTEN))
    if not pseudo.any():
        return frame
    names = ", ".join(
        f"{code} ({PSEUDO_GEMEENTEN[code]})"
        for code in sorted(set(frame.loc[pseudo, "gemeentecode"]))
    )
    meldingen.append(
        _PSEUDO_LEFT_OUT.format(count=count(int(pseudo.sum()), level), gemeenten=names)
    )
    return frame.loc[~pseudo]


def _drop_water_parts(
    level: str, frame: gpd.GeoDataFrame, meldingen: list[str]
) -> gpd.GeoDataFrame:
    """Older CBS maps store land and water of one area as two rows; keep the land row."""
    if "water" not in frame.columns:
        return frame
    code_col = CODE_COLUMN[level]
    is_water = clean_text(frame["water"]).str.upper().isin(["JA", "J", "1", "TRUE"])
    codes = frame[code_col].astype("str").str.strip().str.upper()
    land_codes = set(codes[~is_water])
    drop = is_water & codes.isin(land_codes)
    if drop.any():
        meldingen.append(_WATER_LEFT_OUT.format(count=count(int(drop.sum()), level)))
        return frame.loc[~drop]
    return frame


def filter_gemeenten(
    path: Path, areas: dict[str, gpd.GeoDataFrame], wanted: list[str]
) -> dict[str, gpd.GeoDataFrame]:
    """Only the rows of the wanted gemeenten; refuse a gemeente the file does not hold."""
    present: set[str] = set()
    for frame in areas.values():
        present.update(frame["gemeentecode"].dropna().unique())
    absent = [code for code in wanted if code not in present]
    if len(absent) == 1:
        raise CbsImportError(_GEMEENTE_ABSENT.format(code=absent[0], bestand=path.name))
    if absent:
        raise CbsImportError(_GEMEENTEN_ABSENT.format(codes=", ".join(absent), bestand=path.name))
    return {
        level: frame.loc[frame["gemeentecode"].isin(wanted)].reset_index(drop=True)
        for level, frame in areas.items()
    }


def validate_codes(path: Path, level: str, frame: gpd.GeoDataFrame) -> None:
    """Refuse malformed or repeated codes, and codes that do not carry their parent's digits."""
    code_col = CODE_COLUMN[level]
    codes = frame[code_col]
    bad = codes[~codes.str.fullmatch(CODE_PATTERNS[level].pattern).fillna(False).astype(bool)]
    if len(bad):
        template = by_number(len(bad), *_BAD_CODES)
        raise error(
            path,
            template.format(
                n=len(bad), column=code_col, example=_EXAMPLES[level], codes=some(bad.tolist())
            ),
        )
    duplicated = codes[codes.duplicated(keep=False)].drop_duplicates()
    if len(duplicated):
        duplicates = some(sorted(duplicated.tolist()))
        raise error(path, _DUPLICATE_CODES.format(column=code_col, codes=duplicates))
    # a buurt carries its wijk's six characters (and so its gemeente's four digits); a wijk its
    # gemeente's four digits. Characters, not digits: WK0363AA's buurten are BU0363AA01 ...
    checks = {"wijk": [("gemeente", 4)], "buurt": [("wijk", 6), ("gemeente", 4)]}
    for parent_level, width in checks.get(level, []):
        parent_col = CODE_COLUMN[parent_level]
        parent = frame[parent_col]
        ok = parent.str.fullmatch(CODE_PATTERNS[parent_level].pattern).fillna(False).astype(
            bool
        ) & (codes.str.slice(2, 2 + width) == parent.str.slice(2, 2 + width)).fillna(False).astype(
            bool
        )
        if not ok.all():
            wrong = ~ok
            n_wrong = int(wrong.sum())
            pairs = [
                f"{c} ({p})"
                for c, p in zip(codes[wrong], parent[wrong].fillna("leeg"), strict=True)
            ]
            template = by_number(n_wrong, *_NOT_IN_PARENT)
            raise error(
                path,
                template.format(n=n_wrong, column=code_col, parent=parent_col, pairs=some(pairs)),
            )


def validate_nesting(path: Path, areas: dict[str, gpd.GeoDataFrame]) -> None:
    """A buurt's wijk and a wijk's gemeente must be in the file when that level is."""
    for child, parent_level in PARENT.items():
        if child not in areas or parent_level not in areas:
            continue
        parent_col = CODE_COLUMN[parent_level]
        known = set(areas[parent_level][parent_col])
        orphans = areas[child].loc[~areas[child][parent_col].isin(known), CODE_COLUMN[child]]
        if len(orphans):
            n = len(orphans)
            raise error(
                path,
                by_number(n, *_ORPHANS).format(
                    count=count(n, child), parent=NOUN[parent_level], codes=some(orphans.tolist())
                ),
            )


def output_frame(
    areas: dict[str, gpd.GeoDataFrame],
    geometry: dict[str, tuple[np.ndarray, np.ndarray]],
    level: str,
) -> gpd.GeoDataFrame:
    """One level's areas as CbsData holds them: code, naam, parent code and WGS84 geometry."""
    code_col = CODE_COLUMN[level]
    columns = {"gemeente": ["gemeentecode", "naam"], "wijk": ["wijkcode", "naam", "gemeentecode"]}
    columns["buurt"] = ["buurtcode", "naam", "wijkcode"]
    if level not in geometry:
        empty = {c: pd.Series([], dtype="str") for c in columns[level]}
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    codes, geoms = geometry[level]
    if level in areas:
        frame = areas[level]
        table = pd.DataFrame({c: frame[c].to_numpy() for c in columns[level] if c != "naam"})
        table["naam"] = frame["_naam"].to_numpy()
    else:
        table = _derived_table(areas, level, codes)
    table = table[columns[level]].astype("str")
    out = gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geoms, crs=WGS84), crs=WGS84)
    return out.sort_values(code_col, ignore_index=True)


def _derived_table(
    areas: dict[str, gpd.GeoDataFrame], level: str, codes: np.ndarray
) -> pd.DataFrame:
    """Codes and names of a level dissolved from its parts: names from the parts' files when given."""
    finer = [areas[lvl] for lvl in CBS_LEVELS[CBS_LEVELS.index(level) + 1 :] if lvl in areas]
    parents = finer[0].drop_duplicates(CODE_COLUMN[level]).set_index(CODE_COLUMN[level])
    names = pd.Series(pd.NA, index=codes, dtype="str")
    for source in finer:  # e.g. gemeentenaam from the wijken, else from the buurten
        if NAME_COLUMN[level] in source.columns:
            given = source.drop_duplicates(CODE_COLUMN[level]).set_index(CODE_COLUMN[level])[
                NAME_COLUMN[level]
            ]
            names = names.fillna(clean_text(given).reindex(codes))
    names = names.fillna(name_from_code(level, pd.Series(codes, index=codes, dtype="str")))
    table = pd.DataFrame({CODE_COLUMN[level]: codes, "naam": names.to_numpy()})
    if level == "wijk":
        table["gemeentecode"] = parents["gemeentecode"].reindex(codes).to_numpy()
    return table


def name_from_code(level: str, codes: pd.Series) -> pd.Series:
    """A stand-in name: "Wijk 03" for WK034403 (as CBS names many wijken), else the code itself."""
    if level == "wijk":
        return "Wijk " + codes.str.slice(-2)
    return codes
