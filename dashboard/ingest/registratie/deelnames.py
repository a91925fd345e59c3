"""Check a deelnames export as sets, in DuckDB: the export with millions of rows.

Same findings, rows and order as a row-by-row check (`rows.py`; the reasons are in
`problems.py`), but each rule is one query over the whole file, so a national year of
deelnames is checked in about a second. Values are typed per distinct value with the
functions of `values.py` (a file has few distinct buurten and age groups, and each
participant number is pseudonymised once, while DuckDB checks the rows with the number's
position as the person); the references, duplicates and per-participant consistency are
joins and window functions.

Known bijeenkomsten and buurten are looked up where they live: in the database
(`con` is a read-only connection to it) or in relations made from KnownCodes.

A bijeenkomst whose registered deelnames (in the database and in this file, each pair
once) exceed its aantal_deelnemers gets one warning, at its first row in the file: the
import goes on, and the metrics count the larger number (docs/DESIGN.md §5.1).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.domain.codes import BUURT, CODE_PATTERNS
from dashboard.ingest.registratie.known import KnownCodes
from dashboard.ingest.registratie.problems import (
    FOUT,
    REDEN_BIJEENKOMST_ONBEKEND,
    REDEN_BUURT_ONGELDIG,
    REDEN_DEELNEMER_VERSCHILT,
    REDEN_DUBBEL,
    REDEN_GEEN_RIJEN,
    REDEN_LEEFTIJDSGROEP,
    REDEN_LEEG,
    REDEN_WOONBUURT_ONBEKEND,
    VERBORGEN,
    WAARSCHUWING,
    Problem,
    reden_meer_dan_totaal,
)
from dashboard.ingest.registratie.reader import RawTable
from dashboard.ingest.registratie.tables import TABLE_COLUMNS
from dashboard.ingest.registratie.values import normalise_leeftijdsgroep

FIELDS = ("bijeenkomst_id", "deelnemer_id", "woonbuurt", "leeftijdsgroep")

# Every row with its typed values and verdict; `goed` rows are written.
_ROWS = """
create temp table beoordeeld as
with rijen as (
    select i.*, i.bijeenkomst_id <> '' and b.bijeenkomst_id is null as onbekend, b.datum
    from invoer as i
    left join bijeenkomst as b on b.bijeenkomst_id = i.bijeenkomst_id
),
sleutels as (
    select rij, bijeenkomst_id, persoon, hash(bijeenkomst_id, persoon) as h
    from rijen
    where bijeenkomst_id <> '' and persoon is not null
),
kandidaten as (
    -- a repeated key repeats its hash: grouping one integer is ~3x cheaper than two strings
    select h from sleutels group by h having count(*) > 1
),
dubbel as (
    -- keys that occur more than once, and the row where each first occurs
    select bijeenkomst_id, persoon, min(rij) as eerste
    from sleutels
    where h in (select h from kandidaten)
    group by bijeenkomst_id, persoon
    having count(*) > 1
)
select r.*,
    d.eerste is not null and r.rij > d.eerste as herhaald,
    $compleet and r.bijeenkomst_id <> '' and r.deelnemer_id <> '' and not r.onbekend
        and coalesce(r.leesbaar, true) and not coalesce(r.rij > d.eerste, false) as goed
from rijen as r
left join dubbel as d on d.bijeenkomst_id = r.bijeenkomst_id and d.persoon = r.persoon
"""

# Every finding, in the row checker's order within a row (volgorde).
_FINDINGS = """
with wisselend as (
    -- participants whose good rows give more than one home buurt or age group
    select persoon from deelnemers_beoordeeld where wisselend
),
eerder as (
    -- what their earlier good rows said (the first that said anything)
    select rij,
        first_value(buurt ignore nulls) over vorige as eerdere_buurt,
        first_value(groep ignore nulls) over vorige as eerdere_groep
    from beoordeeld
    where goed and persoon in (select persoon from wisselend)
    window vorige as (
        partition by persoon order by rij rows between unbounded preceding and 1 preceding
    )
),
bevindingen as (
    select rij, 1 as volgorde, 'bijeenkomst_id' as veld, '' as waarde, $leeg as reden, $fout as ernst
    from beoordeeld where bijeenkomst_id = '' and $meld_leeg_bijeenkomst
    union all
    select rij, 2, 'bijeenkomst_id', bijeenkomst_id, $onbekend, $fout from beoordeeld where onbekend
    union all
    select rij, 3, 'deelnemer_id', '', $leeg, $fout
    from beoordeeld where deelnemer_id = '' and $meld_leeg_deelnemer
    union all
    select rij, 4, 'woonbuurt', woonbuurt, $ongeldig, $fout from beoordeeld where not leesbaar
    union all
    select rij, 5, 'woonbuurt', woonbuurt, $woonbuurt_onbekend, $waarschuwing
    from beoordeeld where leesbaar and buurt is null
    union all
    select rij, 6, 'leeftijdsgroep', leeftijdsgroep, $groep_onbekend, $waarschuwing
    from beoordeeld where leeftijdsgroep <> '' and groep is null
    union all
    select rij, 7, 'deelnemer_id', $verborgen, $dubbel, $fout from beoordeeld where herhaald
    union all
    select b.rij, 8, 'woonbuurt', b.woonbuurt, $verschilt, $waarschuwing
    from beoordeeld as b inner join eerder as e on e.rij = b.rij
    where b.buurt is not null and e.eerdere_buurt <> b.buurt
    union all
    select b.rij, 9, 'leeftijdsgroep', b.leeftijdsgroep, $verschilt, $waarschuwing
    from beoordeeld as b inner join eerder as e on e.rij = b.rij
    where b.groep is not null and e.eerdere_groep <> b.groep
)
select f.rij, f.veld,
    -- a problem never shows a participant number, not even one typed in another column
    case when f.waarde <> '' and f.waarde = b.deelnemer_id then $verborgen else f.waarde end,
    f.reden, f.ernst
from bevindingen as f
inner join beoordeeld as b on b.rij = f.rij
order by f.rij, f.volgorde
"""

# A participant's home buurt and age group: the first given, in row order; and the date
# of its first deelname in the export (for deelnemer.eerste_deelname, dashboard.warehouse.first_deelname).
_DEELNEMERS = """
select persoon,
    arg_min(buurt, rij) filter (where buurt is not null) as buurtcode,
    arg_min(groep, rij) filter (where groep is not null) as leeftijdsgroep,
    min(datum) as eerste_deelname,
    -- more than one home buurt or age group among its rows: reported as "verschilt"
    coalesce(min(buurt) <> max(buurt), false) or coalesce(min(groep) <> max(groep), false)
        as wisselend
from beoordeeld
where goed
group by persoon
order by min(rij)
"""

_DEELNAMES = """
select bijeenkomst_id, persoon from beoordeeld where goed order by rij
"""

# The bijeenkomsten that may end up with more registered deelnames than their total: the
# file's pairs (each once: a repeated one is not good) plus the database's (stored with the
# bijeenkomst) could exceed it. Whether they do depends on the pairs both hold, known only
# once the numbers are pseudonymised (_over_totals). The first row of each names it.
_KANDIDATEN = """
with bestand as (
    select bijeenkomst_id, count(*) as in_bestand, min(rij) as rij,
        -- a problem never shows a participant number, not even one typed in another column
        bool_or(bijeenkomst_id = deelnemer_id) as verbergen
    from beoordeeld
    where goed
    group by bijeenkomst_id
)
select f.bijeenkomst_id, f.rij, b.aantal_deelnemers, f.in_bestand,
    coalesce(b.geregistreerde_deelnames, 0) as in_database,
    case when f.verbergen then $verborgen else f.bijeenkomst_id end
from bestand as f
inner join bijeenkomst as b on b.bijeenkomst_id = f.bijeenkomst_id
where f.in_bestand + coalesce(b.geregistreerde_deelnames, 0) > b.aantal_deelnemers
order by f.rij
"""

# The file's deelnemers the database knows: only they can have a pair there already.
_BEKEND = """
create or replace temp table bekend as
select deelnemer_id from bestand_deelnemers semi join deelnemer using (deelnemer_id)
"""

# The positions (nr) of the file's pairs (`paren`) that the database holds already, found
# among the known deelnemers' own deelnames (a semi-join on one column first is 2-3x cheaper
# than hashing both columns of every pair in the table).
_AL_GEREGISTREERD = """
select p.nr
from paren as p
where exists (
    select 1
    from (select * from deelname where deelnemer_id in (select deelnemer_id from bekend)) as d
    where d.bijeenkomst_id = p.bijeenkomst_id and d.deelnemer_id = p.deelnemer_id
)
order by p.nr
"""


def check_deelnames(
    raw: RawTable,
    columns: dict[str, str],
    missing: set[str],
    known: KnownCodes | duckdb.DuckDBPyConnection,
    pseudonymise: Callable[[str], str],
) -> tuple[list[Problem], dict[str, pd.DataFrame], pd.DataFrame | None, np.ndarray | None]:
    """The problems, the deelnemer and deelname rows, each deelnemer's first deelname, and
    the pairs the database holds already.

    `columns` maps the template's fields to the file's columns; `missing` holds the
    required fields without one (then no row is complete, and their cells are not
    reported as empty). The first deelnames (deelnemer_id, eerste_deelname) are the
    earliest date of each deelnemer's rows by the database's bijeenkomsten; the pairs
    already there are positions in the deelname rows (the write need not look them up
    again, dashboard.ingest.upsert.add_deelnames). Both None when checked against known
    codes, which have no dates and no deelnames.
    """
    invoer = _input(raw, columns)
    if isinstance(known, duckdb.DuckDBPyConnection):
        own, con = False, known.cursor()
    else:
        own, con = True, _known_relations(known)
    try:
        numbers, invoer = _typed(invoer, con)
        con.register("invoer", invoer)
        with ThreadPoolExecutor(max_workers=1) as pool:
            # DuckDB checks the rows on its own threads while Python pseudonymises (HMAC holds
            # the GIL, a running query does not): a person is a number's position meanwhile
            checking = pool.submit(_check_rows, con, missing)
            pseudonyms = [pseudonymise(n) for n in numbers]
            findings, deelnemer, deelname, candidates = checking.result()
        if len(set(pseudonyms)) < len(pseudonyms):
            # two numbers, one pseudonym (a pseudonymiser that normalises them): one person
            first: dict[str, int] = {}
            same = pa.array([first.setdefault(p, i) for i, p in enumerate(pseudonyms)], pa.int32())
            invoer = invoer.set_column(
                invoer.schema.get_field_index("persoon"),
                "persoon",
                pc.take(same, invoer.column("persoon")),
            )
            con.register("invoer", invoer)
            findings, deelnemer, deelname, candidates = _check_rows(con, missing)
        names = pa.array(pseudonyms, pa.string())
        deelname = _named(deelname, names)
        deelnemer = _named(deelnemer, names)
        present = None if own else _present(con, deelname, deelnemer)
        if candidates:
            over = _over_totals(candidates, deelname, present)
            findings = list(heapq.merge(findings, over, key=lambda finding: finding[0]))
    finally:
        con.close()
    problems = [
        Problem(raw.bestand, rij, columns.get(veld, veld), waarde, reden, ernst)
        for rij, veld, waarde, reden, ernst in findings
    ]
    if not invoer.num_rows:
        problems.insert(0, Problem(raw.bestand, None, None, None, REDEN_GEEN_RIJEN, WAARSCHUWING))
    tables = {
        "deelnemer": _frame("deelnemer", deelnemer),
        "deelname": _frame("deelname", deelname),
    }
    firsts = None if own else deelnemer.select(["deelnemer_id", "eerste_deelname"]).to_pandas()
    return problems, tables, firsts, present


def _check_rows(
    con: duckdb.DuckDBPyConnection, missing: set[str]
) -> tuple[list[tuple], pa.Table, pa.Table, list[tuple]]:
    """The findings, the deelnemers and the deelnames of the registered `invoer`, by person,
    and the bijeenkomsten that may be registered beyond their total (_KANDIDATEN)."""
    con.execute(_ROWS, {"compleet": not missing})
    deelnemer = con.sql(_DEELNEMERS).to_arrow_table()
    con.register("deelnemers_beoordeeld", deelnemer)
    findings = con.execute(_FINDINGS, _reasons(missing)).fetchall()
    deelname = con.sql(_DEELNAMES).to_arrow_table()
    candidates = con.execute(_KANDIDATEN, {"verborgen": VERBORGEN}).fetchall()
    con.unregister("deelnemers_beoordeeld")
    con.execute("drop table beoordeeld")
    return findings, deelnemer, deelname, candidates


def _present(con: duckdb.DuckDBPyConnection, deelname: pa.Table, deelnemer: pa.Table) -> np.ndarray:
    """The positions in `deelname` (the file's pairs, pseudonymised) of the pairs the database
    holds already; `deelnemer` is the file's people. Empty without a look at the pairs when
    the database knows none of them (an export of new participants)."""
    con.register("bestand_deelnemers", deelnemer.select(["deelnemer_id"]))
    try:
        known = con.execute(_BEKEND).fetchall()[0][0]
    finally:
        con.unregister("bestand_deelnemers")
    present: np.ndarray = np.empty(0, dtype=np.int64)
    if known:
        con.register("paren", deelname.append_column("nr", pa.array(np.arange(deelname.num_rows))))
        try:
            present = np.asarray(con.execute(_AL_GEREGISTREERD).fetchnumpy()["nr"], np.int64)
        finally:
            con.unregister("paren")
    con.execute("drop table bekend")
    return present


def _over_totals(
    candidates: list[tuple], deelname: pa.Table, present: np.ndarray | None
) -> list[tuple]:
    """A warning (a finding) per candidate bijeenkomst whose registered deelnames, in the
    database and in the file's pairs (`deelname`) together, exceed its total; in row order.
    `present`: the positions of the file's pairs that the database holds already."""
    overlap: dict[str, int] = {}
    if present is not None and len(present):
        counted = pc.value_counts(pc.take(deelname.column("bijeenkomst_id"), pa.array(present)))
        overlap = dict(
            zip(
                counted.field("values").to_pylist(),
                counted.field("counts").to_pylist(),
                strict=True,
            )
        )
    over = []
    for bijeenkomst, rij, aantal, in_bestand, in_database, shown in candidates:
        registered = in_bestand + in_database - overlap.get(bijeenkomst, 0)
        if registered > aantal:
            reden = reden_meer_dan_totaal(shown, registered, aantal)
            over.append((rij, "bijeenkomst_id", shown, reden, WAARSCHUWING))
    return over


def _named(table: pa.Table, pseudonyms: pa.Array) -> pa.Table:
    """The table with its `persoon` column replaced by the person's pseudonym (deelnemer_id)."""
    return table.set_column(
        table.schema.get_field_index("persoon"),
        "deelnemer_id",
        pc.take(pseudonyms, table.column("persoon")),
    )


def _input(raw: RawTable, columns: dict[str, str]) -> pa.Table:
    """The filled rows of the export: Excel row number and one text column per field ('' if absent)."""
    table = raw.table
    rij = pa.array(np.arange(raw.first_data_row, raw.first_data_row + table.num_rows))
    filled = pc.is_valid(rij)  # all rows; only a table without columns (and so rows) keeps it
    if table.num_columns:
        filled = pc.not_equal(table.column(0), "")
        for column in table.columns[1:]:
            filled = pc.or_(filled, pc.not_equal(column, ""))
    empty = pa.array([""] * table.num_rows, pa.string())
    fields = {name: table.column(columns[name]) if name in columns else empty for name in FIELDS}
    rows = pa.table({"rij": rij, **fields})
    # an export without empty lines (the usual one) needs no filtered copy of a million rows
    return rows if pc.all(filled, min_count=0).as_py() else rows.filter(filled)


def _known_relations(known: KnownCodes) -> duckdb.DuckDBPyConnection:
    """An in-memory database whose `bijeenkomst` and `buurt` hold the known codes.

    Known codes have no dates and no totals (so no bijeenkomst is over its total).
    """
    con = duckdb.connect()
    bijeenkomsten = pa.array(sorted(known.bijeenkomsten), pa.string())
    unknown = {
        "datum": pa.nulls(len(bijeenkomsten), pa.date32()),
        "aantal_deelnemers": pa.nulls(len(bijeenkomsten), pa.int32()),
        "geregistreerde_deelnames": pa.nulls(len(bijeenkomsten), pa.int32()),
    }
    con.register("bijeenkomst", pa.table({"bijeenkomst_id": bijeenkomsten, **unknown}))
    con.register("buurt", pa.table({"buurtcode": pa.array(sorted(known.buurten), pa.string())}))
    return con


def _typed(invoer: pa.Table, con: duckdb.DuckDBPyConnection) -> tuple[list[str], pa.Table]:
    """The participant numbers, and the rows plus their typed values (once per distinct text).

    persoon (the position of the row's number among the numbers; None without one),
    leesbaar (None without a home buurt; False when it is no buurtcode), buurt (a buurtcode
    the database knows) and groep (a known age group).
    """
    texts, number_at = _encoded(invoer, "deelnemer_id")
    positions = {t: i for i, t in enumerate(t for t in texts if t)}
    numbers = list(positions)
    buurten, buurt_at = _encoded(invoer, "woonbuurt")
    codes = [t.upper() if CODE_PATTERNS[BUURT].fullmatch(t.upper()) else None for t in buurten]
    stored = {
        row[0]
        for row in con.execute(
            "select buurtcode from buurt where buurtcode in (select unnest($codes))",
            {"codes": [c for c in codes if c is not None]},
        ).fetchall()
    }
    groups, group_at = _encoded(invoer, "leeftijdsgroep")
    persoon = pa.array([positions.get(t) for t in texts], pa.int32())
    leesbaar = pa.array(
        [c is not None if t else None for t, c in zip(buurten, codes, strict=True)], pa.bool_()
    )
    typed = {
        "persoon": pc.take(persoon, number_at),
        "leesbaar": pc.take(leesbaar, buurt_at),
        # texts stay one per distinct value: DuckDB reads a dictionary without copies
        "buurt": _dictionary([c if c in stored else None for c in codes], buurt_at),
        "groep": _dictionary(
            [normalise_leeftijdsgroep(g) if g else None for g in groups], group_at
        ),
    }
    for name, column in typed.items():
        invoer = invoer.append_column(name, column)
    return numbers, invoer


def _dictionary(values: list[str | None], positions: pa.Array) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(positions, pa.array(values, pa.string()))


def _encoded(invoer: pa.Table, column: str) -> tuple[list[str], pa.Array]:
    """A column's distinct texts, and per row the position of its text among them (one pass)."""
    encoded = invoer.column(column).combine_chunks().dictionary_encode()
    return encoded.dictionary.to_pylist(), encoded.indices


def _reasons(missing: set[str]) -> dict[str, object]:
    return {
        "leeg": REDEN_LEEG,
        "onbekend": REDEN_BIJEENKOMST_ONBEKEND,
        "ongeldig": REDEN_BUURT_ONGELDIG,
        "woonbuurt_onbekend": REDEN_WOONBUURT_ONBEKEND,
        "groep_onbekend": REDEN_LEEFTIJDSGROEP,
        "dubbel": REDEN_DUBBEL,
        "verschilt": REDEN_DEELNEMER_VERSCHILT,
        "verborgen": VERBORGEN,
        "fout": FOUT,
        "waarschuwing": WAARSCHUWING,
        # a required field without a column is reported once for the file, not per row
        "meld_leeg_bijeenkomst": "bijeenkomst_id" not in missing,
        "meld_leeg_deelnemer": "deelnemer_id" not in missing,
    }


def _frame(name: str, table: pa.Table) -> pd.DataFrame:
    """A result as a DataFrame with the dtypes of TABLE_COLUMNS: "object" columns hold
    Python strings and None, like the other kinds' tables; "str" columns (deelname's,
    never empty) stay in Arrow, so a million rows cost no Python string per cell."""
    return pd.DataFrame(
        {
            column: table.column(column).to_pandas()
            if dtype == "str"
            else pd.Series(table.column(column).to_numpy(zero_copy_only=False), dtype=object)
            for column, dtype in TABLE_COLUMNS[name]
        }
    )
