"""Check a deelnames export as sets, in DuckDB: the export with millions of rows.

Same findings, rows and order as a row-by-row check (`rows.py`; the reasons are in
`problems.py`), but each rule is one query over the whole file, so a national year of
deelnames is checked in about a second. Values are typed per distinct value with the
functions of `values.py` (a file has few distinct buurten and age groups, and each
participant number is pseudonymised once, while DuckDB checks the rows with the number's
position as the person); the references, duplicates and per-participant consistency are
joins and window functions.

The check runs in a DuckDB of its own with bounded memory (_checking_connection), so a
file of millions of rows does not take the server's memory; the known bijeenkomsten and
buurten come from the database (a read-only connection to it) or from KnownCodes.

A bijeenkomst whose registered deelnames (in the database and in this file, each pair
once) exceed its aantal_deelnemers gets one warning, at its first row in the file: the
import goes on, and the metrics count the larger number (docs/DESIGN.md §5.1).
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.domain.codes import BUURT, CODE_PATTERNS
from dashboard.i18n import N_
from dashboard.ingest.registratie.known import KnownCodes
from dashboard.ingest.registratie.problems import (
    DUBBELE_DEELNAME,
    FOUT,
    REDEN_BIJEENKOMST_ONBEKEND,
    REDEN_BUURT_ONGELDIG,
    REDEN_DEELNEMER_VERSCHILT,
    REDEN_GEEN_RIJEN,
    REDEN_LEEFTIJDSGROEP,
    REDEN_LEEG,
    REDEN_WOONBUURT_ONBEKEND,
    VERBORGEN,
    WAARSCHUWING,
    Problem,
    redenen_meer_dan_totaal,
    register_templates,
)
from dashboard.ingest.registratie.reader import ImportFileError, RawTable, any_text
from dashboard.ingest.registratie.tables import ARROW_COLUMNS
from dashboard.ingest.registratie.values import normalise_leeftijdsgroep

FIELDS = ("bijeenkomst_id", "deelnemer_id", "woonbuurt", "leeftijdsgroep")

# Every row with its typed values and verdict; `goed` rows are written. A bijeenkomst is its
# position (bk) among the file's distinct ids (bijeenkomst_codes), a participant the
# position of its number (persoon): the rows are integers, so that millions of them fit the
# check's memory, and texts are looked up only for the findings. `codes` holds what the
# database says of each bk, read once for the rows and the totals (_KANDIDATEN).
_CODES = """
create temp table codes as
select c.bk, c.bijeenkomst_id, c.als_persoon, c.bijeenkomst_id = '' as leeg,
    c.bijeenkomst_id <> '' and b.bijeenkomst_id is null as onbekend, b.datum,
    b.aantal_deelnemers, coalesce(b.geregistreerde_deelnames, 0) as in_database
from bijeenkomst_codes as c
left join bijeenkomst as b on b.bijeenkomst_id = c.bijeenkomst_id
"""

_ROWS = """
create temp table beoordeeld as
with rijen as (
    select i.rij, i.bk, i.persoon, i.leesbaar, i.buurt, i.groep, i.groep_gegeven,
        k.leeg, k.onbekend, k.datum,
        -- a pair that an earlier row has already: that row's number (_first_of_pairs)
        i.eerste_paar, i.eerste_paar is not null and not k.leeg as herhaald
    from invoer as i
    inner join codes as k on k.bk = i.bk
)
select r.*,
    $compleet and not r.leeg and r.persoon is not null and not r.onbekend
        and coalesce(r.leesbaar, true) and not r.herhaald as goed
from rijen as r
"""

# Every finding, in the row checker's order within a row (volgorde); a finding without a
# waarde shows the text of its cell (_with_texts).
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
    select rij, 1 as volgorde, 'bijeenkomst_id' as veld, '' as waarde, $leeg as reden,
        $fout as ernst
    from beoordeeld where leeg and $meld_leeg_bijeenkomst
    union all
    select rij, 2, 'bijeenkomst_id', null, $onbekend, $fout from beoordeeld where onbekend
    union all
    select rij, 3, 'deelnemer_id', '', $leeg, $fout
    from beoordeeld where persoon is null and $meld_leeg_deelnemer
    union all
    select rij, 4, 'woonbuurt', null, $ongeldig, $fout from beoordeeld where not leesbaar
    union all
    select rij, 5, 'woonbuurt', null, $woonbuurt_onbekend, $waarschuwing
    from beoordeeld where leesbaar and buurt is null
    union all
    select rij, 6, 'leeftijdsgroep', null, $groep_onbekend, $waarschuwing
    from beoordeeld where groep_gegeven and groep is null
    union all
    select rij, 7, 'deelnemer_id', $verborgen, replace($dubbel, '{n_rij}', eerste_paar::varchar),
        $fout
    from beoordeeld where herhaald
    union all
    select b.rij, 8, 'woonbuurt', null, $verschilt, $waarschuwing
    from beoordeeld as b inner join eerder as e on e.rij = b.rij
    where b.buurt is not null and e.eerdere_buurt <> b.buurt
    union all
    select b.rij, 9, 'leeftijdsgroep', null, $verschilt, $waarschuwing
    from beoordeeld as b inner join eerder as e on e.rij = b.rij
    where b.groep is not null and e.eerdere_groep <> b.groep
)
select rij, veld, waarde, reden, ernst from bevindingen order by rij, volgorde
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
select bk, persoon from beoordeeld where goed order by rij
"""

# The bijeenkomsten that may end up with more registered deelnames than their total: the
# file's pairs (each once: a repeated one is not good) plus the database's (stored with the
# bijeenkomst) could exceed it. Whether they do depends on the pairs both hold, known only
# once the numbers are pseudonymised (_over_totals). The first row of each names it.
_KANDIDATEN = """
select any_value(c.bijeenkomst_id) as bijeenkomst_id, min(b.rij) as rij,
    any_value(c.aantal_deelnemers) as aantal_deelnemers, count(*) as in_bestand,
    any_value(c.in_database) as in_database,
    -- a problem never shows a participant number, not even one typed in another column
    case when coalesce(bool_or(b.persoon = c.als_persoon), false) then $verborgen
        else any_value(c.bijeenkomst_id) end as shown
from beoordeeld as b
inner join codes as c on c.bk = b.bk
where b.goed
group by b.bk
having count(*) + any_value(c.in_database) > any_value(c.aantal_deelnemers)
order by rij
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
    database = known if isinstance(known, duckdb.DuckDBPyConnection) else None
    spill = tempfile.TemporaryDirectory(prefix="wijkdashboard-import-")
    con = _checking_connection(spill.name)
    if isinstance(known, KnownCodes):
        _register_known(con, known)
    else:
        _register_stored(con, known)
    try:
        numbers, bijeenkomsten, invoer = _typed(invoer, con)
        # here, not in the checking thread: there it waited for the GIL the pseudonymisation
        # holds (0.2 s), and DuckDB could not start meanwhile
        invoer = invoer.append_column("eerste_paar", _first_of_pairs(invoer))
        with ThreadPoolExecutor(max_workers=1) as pool:
            # DuckDB checks the rows on its own threads while Python pseudonymises (HMAC holds
            # the GIL, a running query does not): a person is a number's position meanwhile
            checking = pool.submit(_check_rows, con, missing, invoer)
            names = _pseudonyms(numbers, pseudonymise)
            findings, deelnemer, deelname, candidates = checking.result()
        del numbers
        twice = len(pc.unique(names)) < len(names)
        if twice:
            # two numbers, one pseudonym (a pseudonymiser that normalises them): one person
            first: dict[str, int] = {}
            same = pa.array(
                [first.setdefault(p, i) for i, p in enumerate(names.to_pylist())], pa.int32()
            )
            invoer = invoer.set_column(
                invoer.schema.get_field_index("persoon"),
                "persoon",
                pc.take(same, invoer.column("persoon")),
            )
            invoer = invoer.set_column(
                invoer.schema.get_field_index("eerste_paar"),
                "eerste_paar",
                _first_of_pairs(invoer),
            )
            codes = con.sql("select * from bijeenkomst_codes").to_arrow_table()
            con.register(
                "bijeenkomst_codes",
                codes.set_column(2, "als_persoon", pc.take(same, codes.column("als_persoon"))),
            )
            findings, deelnemer, deelname, candidates = _check_rows(con, missing, invoer)
        deelname = pa.table(
            {
                "bijeenkomst_id": pa.DictionaryArray.from_arrays(
                    deelname.column("bk").combine_chunks(), bijeenkomsten
                ),
                "persoon": deelname.column("persoon"),
            }
        )
        deelname = _named(deelname, names, twice)
        deelnemer = _named(deelnemer, names, twice)
        # the check's DuckDB keeps the memory of its queries until it is closed (~100 MB),
        # so the lookup of the pairs already there gets a connection of its own
        con.close()
        present = None if database is None else _present(database, deelname, deelnemer, spill)
        if candidates.num_rows:
            over = _over_totals(candidates, deelname, present)
            # stable: a row's own findings before its warning
            findings = (
                list(heapq.merge(findings, over, key=lambda finding: finding[0]))
                if findings
                else over
            )
    except duckdb.OutOfMemoryException as exc:
        limit = os.environ.get(CHECK_MEMORY_ENV_VAR) or DEFAULT_CHECK_MEMORY
        raise ImportFileError(raw.bestand, _TOO_BIG.format(limit=limit)) from exc
    finally:
        con.close()
        spill.cleanup()
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
    firsts = (
        None
        if database is None
        else pd.DataFrame(
            {
                "deelnemer_id": _arrow_text(deelnemer.column("deelnemer_id")),
                "eerste_deelname": deelnemer.column("eerste_deelname").to_pandas(),
            }
        )
    )
    return problems, tables, firsts, present


def _check_rows(
    con: duckdb.DuckDBPyConnection, missing: set[str], invoer: pa.Table
) -> tuple[list[tuple], pa.Table, pa.Table, pa.Table]:
    """The findings, the deelnemers and the deelnames of the registered `invoer`, by person,
    and the bijeenkomsten that may be registered beyond their total (_KANDIDATEN)."""
    con.register("invoer", invoer)
    con.execute(_CODES)
    con.execute(_ROWS, {"compleet": not missing})
    deelnemer = con.sql(_DEELNEMERS).to_arrow_table()
    con.register("deelnemers_beoordeeld", deelnemer)
    findings = _with_texts(con.execute(_FINDINGS, _reasons(missing)).fetchall(), invoer)
    deelname = con.sql(_DEELNAMES).to_arrow_table()
    candidates = con.sql(_KANDIDATEN, params={"verborgen": VERBORGEN}).to_arrow_table()
    con.unregister("deelnemers_beoordeeld")
    con.execute("drop table beoordeeld")
    con.execute("drop table codes")
    return findings, deelnemer, deelname, candidates


def _first_of_pairs(invoer: pa.Table) -> pa.Array:
    """Per row: the Excel row number (rij) of the first row with the same bijeenkomst (bk)
    and person (persoon) when an earlier row has them, else null; null without a person.

    By a stable sort in numpy, not by a group-by and a join in the check's DuckDB (at its
    160 MB that spilled: 0.27 s more for a million rows, measured); an export listed by
    bijeenkomst is nearly sorted already, which numpy's stable sort (a merge) is quick on."""
    persoon = invoer.column("persoon").combine_chunks()
    bijeenkomst = invoer.column("bk").combine_chunks()
    given = pc.and_(pc.is_valid(persoon), pc.is_valid(bijeenkomst)).to_numpy(zero_copy_only=False)
    nobody = pa.nulls(len(persoon), pa.int32())
    if not given.any():
        return nobody
    # one int64 per row for the pair, made in place (5.2 million rows: 42 MB a copy)
    pair = bijeenkomst.fill_null(0).to_numpy().astype(np.int64)
    pair *= int(pc.max(persoon).as_py()) + 1
    pair += persoon.fill_null(0).to_numpy()
    if not given.all():
        pair = pair[given]
    order = np.argsort(pair, kind="stable")  # equal pairs keep their row order
    pair = pair[order]
    later = np.zeros(len(pair), dtype=bool)
    np.equal(pair[1:], pair[:-1], out=later[1:])
    del pair
    repeats = np.flatnonzero(later)  # positions in sorted order
    if not len(repeats):  # the usual export: nothing more to work out
        return nobody
    # each repeat's first row: where its run of equal pairs starts (stable: the earliest row)
    starts = np.flatnonzero(~later)
    firsts = order[starts[np.searchsorted(starts, repeats, side="right") - 1]]
    repeats = order[repeats]
    del starts, order
    if not given.all():  # positions among the rows with a pair: back to all rows
        rows_with_pair = np.flatnonzero(given)
        repeats, firsts = rows_with_pair[repeats], rows_with_pair[firsts]
    rij = invoer.column("rij").to_numpy()
    first_row = np.zeros(len(persoon), dtype=np.int32)
    first_row[repeats] = rij[firsts]
    none = np.ones(len(persoon), dtype=bool)
    none[repeats] = False
    return pa.array(first_row, pa.int32(), mask=none)


def _pseudonyms(numbers: pa.Array, pseudonymise: Callable[[str], str]) -> pa.Array:
    """Each number's pseudonym, in the numbers' order; as Python strings only a chunk at a
    time (700,000 numbers and pseudonyms as Python strings took 150 MB beside the check)."""
    chunks = [
        pa.array([pseudonymise(n) for n in numbers.slice(start, _CHUNK).to_pylist()], pa.string())
        for start in range(0, len(numbers), _CHUNK)
    ]
    return pa.concat_arrays(chunks) if chunks else pa.array([], pa.string())


_CHUNK = 65_536


def _with_texts(findings: list[tuple], invoer: pa.Table) -> list[tuple]:
    """The findings with the text of their cell where they have no waarde of their own;
    a problem never shows a participant number, not even one typed in another column."""
    if not findings:
        return findings
    rijen = invoer.column("rij").to_numpy()  # ascending
    at = pa.array(np.searchsorted(rijen, [f[0] for f in findings]))
    cells = {name: pc.take(invoer.column(name), at).to_pylist() for name in FIELDS}
    shown = []
    for i, (rij, veld, waarde, reden, ernst) in enumerate(findings):
        text = cells[veld][i] if waarde is None else waarde
        if text and text == cells["deelnemer_id"][i]:
            text = VERBORGEN
        shown.append((rij, veld, text, reden, ernst))
    return shown


def _present(
    database: duckdb.DuckDBPyConnection,
    deelname: pa.Table,
    deelnemer: pa.Table,
    spill: tempfile.TemporaryDirectory[str],
) -> np.ndarray:
    """The positions in `deelname` (the file's pairs, pseudonymised) of the pairs the database
    holds already; `deelnemer` is the file's people. Empty without a look at the pairs when
    the database knows none of them (an export of new participants).

    A database file is looked up read-only in a capped DuckDB of its own, so that even a
    file that comes back (millions of pairs) stays within the check's memory."""
    path = _database_path(database)
    if path:
        con = _checking_connection(spill.name)
        con.execute("attach $path as opgeslagen (read_only)", {"path": path})
        con.execute("use opgeslagen")
    else:
        con = database.cursor()
    try:
        return _present_pairs(con, deelname, deelnemer)
    finally:
        con.close()


def _present_pairs(
    con: duckdb.DuckDBPyConnection, deelname: pa.Table, deelnemer: pa.Table
) -> np.ndarray:
    """_present in a connection that holds deelnemer and deelname."""
    con.register("bestand_deelnemers", deelnemer.select(["deelnemer_id"]))
    try:
        known = con.execute(_BEKEND).fetchall()[0][0]
    finally:
        con.unregister("bestand_deelnemers")
    present: np.ndarray = np.empty(0, dtype=np.int64)
    if known:
        # positions as int32 and sorted here, not by DuckDB: a file that comes back has
        # millions of them (5.2 million: 40 MB less at the check's peak)
        nr = pa.array(np.arange(deelname.num_rows, dtype=np.int32))
        con.register("paren", deelname.append_column("nr", nr))
        try:
            present = np.sort(con.execute(_AL_GEREGISTREERD).fetchnumpy()["nr"]).astype(np.int64)
        finally:
            con.unregister("paren")
    con.execute("drop table bekend")
    return present


def _over_totals(
    candidates: pa.Table, deelname: pa.Table, present: np.ndarray | None
) -> list[tuple]:
    """A warning (a finding) per candidate bijeenkomst whose registered deelnames, in the
    database and in the file's pairs (`deelname`) together, exceed its total; in row order.
    `present`: the positions of the file's pairs that the database holds already.

    In Arrow, not per bijeenkomst in Python: a national file may name a million of them,
    each over its total (with the texts made per column, benchmarks.imports' worst case
    takes 0.83 times as long as with a loop here; docs/performance.md, ronde 5)."""
    registered = pc.add(candidates.column("in_bestand"), candidates.column("in_database"))
    if present is not None and len(present):
        counted = pc.value_counts(pc.take(deelname.column("bijeenkomst_id"), pa.array(present)))
        at = pc.index_in(
            candidates.column("bijeenkomst_id"), value_set=counted.field("values").cast(pa.string())
        )
        overlap = pc.take(counted.field("counts"), at).fill_null(0)
        registered = pc.subtract(registered, overlap)
    over = pc.greater(registered, candidates.column("aantal_deelnemers"))
    shown = candidates.column("shown").filter(over)
    redenen = redenen_meer_dan_totaal(
        shown.combine_chunks(),
        registered.filter(over).combine_chunks(),
        candidates.column("aantal_deelnemers").filter(over).combine_chunks(),
        candidates.column("in_database").filter(over).combine_chunks(),
    )
    n = len(shown)
    return list(
        zip(
            candidates.column("rij").filter(over).to_pylist(),
            repeat("bijeenkomst_id", n),
            shown.to_pylist(),
            redenen.to_pylist(),
            repeat(WAARSCHUWING, n),
            strict=True,
        )
    )


def _named(table: pa.Table, pseudonyms: pa.Array, twice: bool) -> pa.Table:
    """The table with its `persoon` column replaced by the person's pseudonym (deelnemer_id),
    as a dictionary (the person's position, each pseudonym once): 5 million deelnames of
    700,000 people then take 20 MB instead of 190."""
    named = pa.DictionaryArray.from_arrays(
        table.column("persoon").combine_chunks(), pseudonyms, safe=False
    )  # safe: every position is one of the pseudonyms', by _typed
    if twice:  # two numbers, one pseudonym: each text once
        named = named.dictionary_decode().dictionary_encode()
    return table.set_column(table.schema.get_field_index("persoon"), "deelnemer_id", named)


def _input(raw: RawTable, columns: dict[str, str]) -> pa.Table:
    """The filled rows of the export: Excel row number and one text column per field ('' if absent)."""
    table = raw.table
    rij = pa.array(
        np.arange(raw.first_data_row, raw.first_data_row + table.num_rows, dtype=np.int32)
    )
    # all rows; only a table without columns (and so rows) keeps it
    filled = any_text(table.columns) if table.num_columns else pc.is_valid(rij)
    fields = {
        name: table.column(columns[name])
        if name in columns
        else pa.repeat(pa.scalar("", pa.string()), table.num_rows)
        for name in FIELDS
    }
    rows = pa.table({"rij": rij, **fields})
    # an export without empty lines (the usual one) needs no filtered copy of a million rows
    return rows if pc.all(filled, min_count=0).as_py() else rows.filter(filled)


_TOO_BIG = N_(
    "Het bestand is te groot om te controleren binnen het geheugen dat de import mag"
    " gebruiken ({limit}). Zet WIJKDASHBOARD_IMPORT_MEMORY hoger, of lees het bestand in delen"
    " in."
)
register_templates(_TOO_BIG)

# The check's own DuckDB: its memory is capped and what does not fit waits in a temporary
# folder, so a file of millions of rows does not take the server's memory (its minimum grows
# slowly: docs/performance.md); the app's connection to the database keeps its own limit
# and caches.
CHECK_MEMORY_ENV_VAR = "WIJKDASHBOARD_IMPORT_MEMORY"
DEFAULT_CHECK_MEMORY = "160MB"


def _checking_connection(folder: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for one check, spilling to `folder`."""
    return duckdb.connect(
        config={
            "memory_limit": os.environ.get(CHECK_MEMORY_ENV_VAR) or DEFAULT_CHECK_MEMORY,
            "temp_directory": folder,
            # no result depends on the order in which rows are stored (each is ordered by
            # row number where that matters); not keeping it lets DuckDB write with less
            # memory (its own advice on running out of it)
            "preserve_insertion_order": False,
        }
    )


def _register_stored(con: duckdb.DuckDBPyConnection, database: duckdb.DuckDBPyConnection) -> None:
    """Make the database's bijeenkomsten and buurten readable in the check's connection. A
    database file is attached read-only; any other database lends them as Arrow copies."""
    path = _database_path(database)
    if path:
        con.execute("attach $path as opgeslagen (read_only)", {"path": path})
        con.execute("set search_path = 'memory.main,opgeslagen.main'")
        return
    cursor = database.cursor()
    try:
        con.register(
            "bijeenkomst",
            cursor.sql(
                "select bijeenkomst_id, datum, aantal_deelnemers, geregistreerde_deelnames"
                " from bijeenkomst"
            ).to_arrow_table(),
        )
        con.register("buurt", cursor.sql("select buurtcode from buurt").to_arrow_table())
    finally:
        cursor.close()


def _database_path(database: duckdb.DuckDBPyConnection) -> str | None:
    """The file of the connection's database; None for one in memory."""
    paths = database.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    return paths[0][0] if paths and paths[0][0] else None


def _register_known(con: duckdb.DuckDBPyConnection, known: KnownCodes) -> None:
    """`bijeenkomst` and `buurt` holding the known codes.

    Known codes have no dates and no totals (so no bijeenkomst is over its total).
    """
    bijeenkomsten = pa.array(sorted(known.bijeenkomsten), pa.string())
    unknown = {
        "datum": pa.nulls(len(bijeenkomsten), pa.date32()),
        "aantal_deelnemers": pa.nulls(len(bijeenkomsten), pa.int32()),
        "geregistreerde_deelnames": pa.nulls(len(bijeenkomsten), pa.int32()),
    }
    con.register("bijeenkomst", pa.table({"bijeenkomst_id": bijeenkomsten, **unknown}))
    con.register("buurt", pa.table({"buurtcode": pa.array(sorted(known.buurten), pa.string())}))


def _typed(invoer: pa.Table, con: duckdb.DuckDBPyConnection) -> tuple[pa.Array, pa.Array, pa.Table]:
    """The participant numbers, the distinct bijeenkomst ids, and the rows plus their typed
    values (worked out once per distinct text); registers `bijeenkomst_codes`.

    bk (the position of the row's bijeenkomst id among the distinct ids), persoon (the
    position of the row's number among the numbers; None without one), leesbaar (None
    without a home buurt; False when it is no buurtcode), buurt (a buurtcode the database
    knows), groep (a known age group) and groep_gegeven (the cell is not empty).
    bijeenkomst_codes: bk, bijeenkomst_id and als_persoon (the position of the id among the
    participant numbers, when someone typed the one for the other).
    """
    number_texts, number_at = _encoded(invoer, "deelnemer_id")
    # in Arrow and numpy, not a dict of 700,000 Python strings (60 MB beside the check)
    given = pc.not_equal(number_texts, "").to_numpy(zero_copy_only=False)
    numbers = number_texts.filter(pa.array(given))
    persoon = pa.array((np.cumsum(given) - 1).astype(np.int32), mask=~given)
    bijeenkomsten, bijeenkomst_at = _encoded(invoer, "bijeenkomst_id")
    con.register(
        "bijeenkomst_codes",
        pa.table(
            {
                "bk": pa.array(np.arange(len(bijeenkomsten), dtype=np.int32)),
                "bijeenkomst_id": bijeenkomsten,
                # in Arrow: a national file names a million bijeenkomsten
                "als_persoon": pc.cast(
                    pc.index_in(bijeenkomsten, value_set=numbers),
                    pa.int32(),
                ),
            }
        ),
    )
    buurten, buurt_at = _encoded(invoer, "woonbuurt")
    buurt_texts = buurten.to_pylist()
    codes = [t.upper() if CODE_PATTERNS[BUURT].fullmatch(t.upper()) else None for t in buurt_texts]
    stored = {
        row[0]
        for row in con.execute(
            "select buurtcode from buurt where buurtcode in (select unnest($codes))",
            {"codes": [c for c in codes if c is not None]},
        ).fetchall()
    }
    groups, group_at = _encoded(invoer, "leeftijdsgroep")
    group_texts = groups.to_pylist()
    leesbaar = pa.array(
        [c is not None if t else None for t, c in zip(buurt_texts, codes, strict=True)], pa.bool_()
    )
    typed = {
        "bk": bijeenkomst_at,
        "persoon": pc.take(persoon, number_at),
        "leesbaar": pc.take(leesbaar, buurt_at),
        # texts stay one per distinct value: DuckDB reads a dictionary without copies
        "buurt": _dictionary([c if c in stored else None for c in codes], buurt_at),
        "groep": _dictionary(
            [normalise_leeftijdsgroep(g) if g else None for g in group_texts], group_at
        ),
        "groep_gegeven": pc.take(pa.array([bool(g) for g in group_texts]), group_at),
    }
    for name, column in typed.items():
        invoer = invoer.append_column(name, column)
    return numbers, bijeenkomsten, invoer


def _dictionary(values: list[str | None], positions: pa.Array) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(positions, pa.array(values, pa.string()))


def _encoded(invoer: pa.Table, column: str) -> tuple[pa.Array, pa.Array]:
    """A column's distinct texts, and per row the position of its text among them (one pass;
    a column the reader kept as a dictionary is one already)."""
    encoded = invoer.column(column).combine_chunks().dictionary_encode()
    return encoded.dictionary, pc.cast(encoded.indices, pa.int32())


def _reasons(missing: set[str]) -> dict[str, object]:
    return {
        "leeg": REDEN_LEEG,
        "onbekend": REDEN_BIJEENKOMST_ONBEKEND,
        "ongeldig": REDEN_BUURT_ONGELDIG,
        "woonbuurt_onbekend": REDEN_WOONBUURT_ONBEKEND,
        "groep_onbekend": REDEN_LEEFTIJDSGROEP,
        "dubbel": DUBBELE_DEELNAME,
        "verschilt": REDEN_DEELNEMER_VERSCHILT,
        "verborgen": VERBORGEN,
        "fout": FOUT,
        "waarschuwing": WAARSCHUWING,
        # a required field without a column is reported once for the file, not per row
        "meld_leeg_bijeenkomst": "bijeenkomst_id" not in missing,
        "meld_leeg_deelnemer": "deelnemer_id" not in missing,
    }


def _frame(name: str, table: pa.Table) -> pd.DataFrame:
    """A result as a DataFrame with the dtypes of TABLE_COLUMNS: its texts as Arrow
    dictionaries (millions of rows cost no Python string per cell, and each text is kept
    once; an empty cell is a missing value)."""
    return pd.DataFrame(
        {column: _arrow_text(table.column(column)) for column, _ in ARROW_COLUMNS[name]}
    )


def _arrow_text(column: pa.ChunkedArray) -> pd.Series:
    whole = column.combine_chunks()
    if not pa.types.is_dictionary(whole.type):
        whole = whole.dictionary_encode()
    return pd.Series(pd.arrays.ArrowExtensionArray(whole))
