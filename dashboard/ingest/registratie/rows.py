"""The row rules of the inzet, activiteiten and bijeenkomsten exports, checked row by row.

Every problem is reported (the check never stops at the first); the typed rows of the
rows without errors become the raw-table frames of `Validated`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.domain.codes import SOORTEN
from dashboard.ingest.registratie.cells import CellChecker
from dashboard.ingest.registratie.problems import (
    DUBBEL,
    DUBBELE_INZET,
    ORGANISATIE_ANDERS,
    REDEN_ACTIVITEIT_ONBEKEND,
    REDEN_BUURT_NIET_IN_WIJK,
    REDEN_BUURT_ONBEKEND,
    REDEN_EINDE_VOOR_START,
    REDEN_GEEN_RIJEN,
    REDEN_NAAM_VERSCHILT,
    REDEN_NEGATIEF,
    REDEN_ORGANISATIE_NIEUW,
    REDEN_ORGANISATIE_ONBEKEND,
    REDEN_ORGANISATIE_VERSCHILT,
    REDEN_PARTNER_ONBEKEND,
    REDEN_ROL,
    REDEN_SOORT,
    REDEN_TOEKOMST,
    REDEN_UREN,
    TYPE_LIJKT_OP,
    WAARSCHUWING,
    dubbel,
)
from dashboard.ingest.registratie.reader import any_text, has_text
from dashboard.ingest.registratie.tables import ARROW_COLUMNS, KIND_TABLES, Validated, series
from dashboard.ingest.registratie.templates import PARTNER_SEPARATOR
from dashboard.ingest.registratie.values import normalise_rol

# How close (difflib's ratio, of texts in lower case) a new activiteit type must be to a known
# one to be reported as a possible typing error: "kofieochtend" and "koffieochtend" are 0.96,
# "buurtcafe" and "buurtcafé" 0.89; "taalcafé" and "buurtcafé" (two real types) 0.59.
TYPE_SIMILARITY = 0.85


class RowChecker(CellChecker):
    """Walks the rows of one export, collecting problems and typed rows (see `run`)."""

    rows: dict[str, _Rows]  # the typed rows per raw table
    keys: dict[str, int]  # the ids seen so far, each with its first row (one kind per file)
    told_apart: set[str]  # stored organisations this file gives another naam or soort
    # the rows whose id stood in an earlier row, each with that row, when known ahead
    repeated: dict[int, int] | None

    def organisatie(self, rij: int, values: dict[str, str], new: dict[str, tuple]) -> str | None:
        """The organiser's id when known or new in this file; reports unknown ones and bad soorten."""
        soort_text = self.cell(values, "organisatie_soort")
        if soort_text and soort_text.lower() not in SOORTEN:
            self.problem(rij, "organisatie_soort", soort_text, REDEN_SOORT)
        org = self.required(rij, values, "organisatie_id")
        if org is not None and org in self.known.organisatie_namen:
            self._stored_organisation(rij, values, org, soort_text.lower())
        if org is None or org in self.known.organisaties:
            return org
        if org in new:
            naam, soort, first = new[org]
            if first == rij:
                self.problem(rij, "organisatie_id", org, REDEN_ORGANISATIE_NIEUW, WAARSCHUWING)
                self.rows["organisatie"].append(
                    {"organisatie_id": org, "naam": naam, "soort": soort}
                )
            else:
                if self._differs(values, soort_text.lower(), naam, soort):
                    self.problem(
                        rij, "organisatie_id", org, REDEN_ORGANISATIE_VERSCHILT, WAARSCHUWING
                    )
            return org
        # Not definable here: without naam or soort it is unknown; a wrong soort is reported above.
        if not self.cell(values, "organisatie_naam") or not soort_text:
            self.problem(rij, "organisatie_id", org, REDEN_ORGANISATIE_ONBEKEND)
        return None

    def _stored_organisation(self, rij: int, values: dict[str, str], org: str, soort: str) -> None:
        """Warn, once per file and organisation, when a row gives a stored organisation another
        naam or soort: the import keeps the database's (a steward took it for an update)."""
        naam, stored_soort = self.known.organisatie_namen[org]
        if org in self.told_apart or not self._differs(values, soort, naam, stored_soort):
            return
        self.told_apart.add(org)
        reden = ORGANISATIE_ANDERS.format(naam=naam, soort=stored_soort)
        self.problem(rij, "organisatie_id", org, reden, WAARSCHUWING)

    def _differs(self, values: dict[str, str], soort_here: str, naam: str, soort: str) -> bool:
        """Whether a row names an organisation otherwise than `naam` and `soort` (an empty
        naam or soort in the row says nothing)."""
        naam_here = self.cell(values, "organisatie_naam")
        return bool((naam_here and naam_here != naam) or (soort_here and soort_here != soort))

    def new_organisations(self, records: Iterable[tuple[int, dict[str, str]]]) -> dict[str, tuple]:
        """Unknown organisations that some row of this file defines with a naam and a valid soort."""
        new: dict[str, tuple] = {}
        for rij, values in records:
            org = self.cell(values, "organisatie_id")
            naam = self.cell(values, "organisatie_naam")
            soort = self.cell(values, "organisatie_soort").lower()
            if org and org not in self.known.organisaties and org not in new:
                if naam and soort in SOORTEN:
                    new[org] = (naam, soort, rij)
        return new

    def duplicate(self, rij: int, name: str, key: str, reden: str = DUBBEL) -> None:
        """Report an id seen before in this file, with the row it was first on (`reden`: a
        DUBBEL template)."""
        if self.repeated is not None:
            if rij in self.repeated:
                self.problem(rij, name, key, dubbel(reden, self.repeated[rij]))
        elif key in self.keys:
            self.problem(rij, name, key, dubbel(reden, self.keys[key]))
        else:
            self.keys[key] = rij

    def repeated_ids(self) -> dict[int, int] | None:
        """The Excel rows whose id cell repeats one of an earlier row, each with the first row
        of that id, worked out on the whole column at once: a set of 1.8 million ids in Python
        took 185 MB. None when some inzet row has no id of its own: its key is made from its
        typed values, row by row."""
        field = _ID[self.kind]
        if field not in self.columns:
            return None if self.kind == "inzet" else {}  # no ids: nothing repeats
        table = self.raw.table
        ids = table.column(self.columns[field])
        if pa.types.is_dictionary(ids.type):
            ids = ids.cast(pa.string())
        given = pc.fill_null(has_text(ids), False)
        if self.kind == "inzet":
            filled = pc.fill_null(any_text(table.columns), False)
            if pc.any(pc.and_(filled, pc.invert(given))).as_py():
                return None
        codes = pc.dictionary_encode(ids.combine_chunks()).indices.to_numpy(zero_copy_only=False)
        _, first, code_of_row = np.unique(codes, return_index=True, return_inverse=True)
        later = given.to_numpy(zero_copy_only=False)  # a new array: bits become bytes
        later[first] = False
        rows = np.flatnonzero(later)
        offset = self.raw.first_data_row
        return dict(
            zip((rows + offset).tolist(), (first[code_of_row[rows]] + offset).tolist(), strict=True)
        )

    def run(self) -> Validated:
        """Check every row; return the typed tables and all problems."""
        self.rows = {t: _Rows(t) for t in KIND_TABLES[self.kind]}
        self.keys = {}
        self.told_apart = set()
        self.repeated = self.repeated_ids()
        if not self.has_records():
            self.problem(None, None, None, REDEN_GEEN_RIJEN, WAARSCHUWING)
        check_row = {
            "inzet": self.inzet_row,
            "activiteiten": self.activiteit_row,
            "bijeenkomsten": self.bijeenkomst_row,
        }[self.kind]
        context: dict[str, Any] = {}
        if self.kind in ("inzet", "activiteiten"):
            organisation = ("organisatie_id", "organisatie_naam", "organisatie_soort")
            context["new"] = self.new_organisations(self.records(organisation))
        for rij, values in self.records():
            self._row_ok = not self.missing  # without a required column no row is complete
            check_row(rij, values, context)
        tables = {table: self.rows[table].frame() for table in KIND_TABLES[self.kind]}
        if self.kind == "activiteiten" and "partners" not in self.columns:
            # without the column the file says nothing of partners: the write keeps the
            # database's (with it, an activity's partners become those of its cell)
            del tables["activiteit_partner"]
        return Validated(self.kind, self.raw.bestand, tables, self.problems)

    def inzet_row(self, rij: int, values: dict[str, str], context: dict[str, Any]) -> None:
        """One inzet row: professional, wijk, rol, organisation, period and hours."""
        inzet_id = self.cell(values, "inzet_id")
        professional_id = self.required(rij, values, "professional_id")
        naam = self.required(rij, values, "professional_naam")
        wijk = self.wijk(rij, values)
        rol_text = self.required(rij, values, "rol")
        rol = self.typed("rol", normalise_rol, rol_text) if rol_text else None
        if rol_text and rol is None:
            self.problem(rij, "rol", rol_text, REDEN_ROL)
        org = self.organisatie(rij, values, context["new"])
        start = self.value(rij, values, "startdatum")
        end = self.value(rij, values, "einddatum")
        if start is not None and end is not None and end < start:
            self.problem(rij, "einddatum", self.cell(values, "einddatum"), REDEN_EINDE_VOOR_START)
        uren = self.value(rij, values, "uren_per_week")
        if uren is not None and not 0 < uren <= 60:
            self.problem(rij, "uren_per_week", self.cell(values, "uren_per_week"), REDEN_UREN)
        if inzet_id:
            self.duplicate(rij, "inzet_id", inzet_id)
        elif professional_id and wijk and rol and start:  # no id: made of its values
            inzet_id = f"{professional_id}|{wijk}|{rol}|{start.isoformat()}"
            self.duplicate(rij, "inzet_id", inzet_id, DUBBELE_INZET)
        if not self._row_ok:
            return
        professionals = context.setdefault("professionals", {})
        if professional_id in professionals:
            if professionals[professional_id] != naam:
                self.problem(rij, "professional_naam", naam, REDEN_NAAM_VERSCHILT, WAARSCHUWING)
        else:
            professionals[professional_id] = naam
            self.rows["professional"].append({"professional_id": professional_id, "naam": naam})
        self.rows["inzet"].append(
            {
                "inzet_id": inzet_id,
                "professional_id": professional_id,
                "wijkcode": wijk,
                "rol": rol,
                "organisatie_id": org,
                "startdatum": start,
                "einddatum": end,
                "uren_per_week": uren,
            }
        )

    def activiteit_row(self, rij: int, values: dict[str, str], context: dict[str, Any]) -> None:
        """One activiteit row: place, organiser, ownership and partners."""
        activiteit_id = self.required(rij, values, "activiteit_id")
        naam = self.required(rij, values, "naam")
        activiteit_type = self.required(rij, values, "type")
        wijk = self.wijk(rij, values)
        buurt, readable = self.buurt(rij, values, "buurtcode")
        buurt_text = self.cell(values, "buurtcode")
        if buurt_text and readable and buurt is None:
            self.problem(rij, "buurtcode", buurt_text, REDEN_BUURT_ONBEKEND)
        elif buurt is not None and wijk is not None:
            if self.known.buurt_wijk.get(buurt, "WK" + buurt[2:8]) != wijk:
                self.problem(rij, "buurtcode", buurt_text, REDEN_BUURT_NIET_IN_WIJK)
        org = self.organisatie(rij, values, context["new"])
        if activiteit_type:
            self.similar_type(rij, activiteit_type, context.setdefault("types", set()))
        initiatief = self.value(rij, values, "bewonersinitiatief")
        partners: list[str] = []
        for partner in self.cell(values, "partners").split(PARTNER_SEPARATOR):
            partner = partner.strip()
            if not partner or partner in partners:
                continue
            if partner in self.known.organisaties or partner in context["new"]:
                partners.append(partner)
            else:
                self.problem(rij, "partners", partner, REDEN_PARTNER_ONBEKEND)
        if activiteit_id:
            self.duplicate(rij, "activiteit_id", activiteit_id)
        if not self._row_ok:
            return
        self.rows["activiteit"].append(
            {
                "activiteit_id": activiteit_id,
                "naam": naam,
                "type": activiteit_type,
                "wijkcode": wijk,
                "buurtcode": buurt,
                "organisatie_id": org,
                "is_bewonersinitiatief": initiatief,
            }
        )
        for partner in partners:
            self.rows["activiteit_partner"].append(
                {"activiteit_id": activiteit_id, "organisatie_id": partner}
            )

    def similar_type(self, rij: int, text: str, seen: set[str]) -> None:
        """Warn once for a new activiteit type that differs from one already there only by
        case or a letter or two ("Kofieochtend" beside "Koffieochtend")."""
        if text in self.known.activiteit_types or text in seen:
            return
        others = {t.casefold(): t for t in (*sorted(self.known.activiteit_types), *seen)}
        seen.add(text)
        close = difflib.get_close_matches(text.casefold(), others, n=1, cutoff=TYPE_SIMILARITY)
        if close:
            reden = TYPE_LIJKT_OP.format(type=others[close[0]])
            self.problem(rij, "type", text, reden, WAARSCHUWING)

    def bijeenkomst_row(self, rij: int, values: dict[str, str], context: dict[str, Any]) -> None:
        """One bijeenkomst row: its activiteit, date and participant count."""
        bijeenkomst_id = self.required(rij, values, "bijeenkomst_id")
        activiteit_id = self.required(rij, values, "activiteit_id")
        if activiteit_id and activiteit_id not in self.known.activiteiten:
            self.problem(rij, "activiteit_id", activiteit_id, REDEN_ACTIVITEIT_ONBEKEND)
        datum = self.value(rij, values, "datum")
        if datum is not None and datum > self.today:
            # a warning, not an error: an export may list a session planned this week; the
            # steward sees it before the screens' default period moves to its date
            self.problem(rij, "datum", self.cell(values, "datum"), REDEN_TOEKOMST, WAARSCHUWING)
        aantal = self.value(rij, values, "aantal_deelnemers")
        if aantal is not None and aantal < 0:
            self.problem(
                rij, "aantal_deelnemers", self.cell(values, "aantal_deelnemers"), REDEN_NEGATIEF
            )
        if bijeenkomst_id:
            self.duplicate(rij, "bijeenkomst_id", bijeenkomst_id)
        if not self._row_ok:
            return
        self.rows["bijeenkomst"].append(
            {
                "bijeenkomst_id": bijeenkomst_id,
                "activiteit_id": activiteit_id,
                "datum": datum,
                "aantal_deelnemers": aantal,
            }
        )


class _Rows:
    """The typed rows of one raw table, gathered as Python values a chunk at a time and then
    kept as Arrow arrays: 1.8 million inzet rows as tuples of Python values took 600 MB."""

    def __init__(self, table: str) -> None:
        self.types = dict(ARROW_COLUMNS[table])
        self.pending: dict[str, list[Any]] = {column: [] for column in self.types}
        self.chunks: dict[str, list[pa.Array]] = {column: [] for column in self.types}

    def append(self, row: dict[str, Any]) -> None:
        for column, values in self.pending.items():
            values.append(row[column])
        if len(values) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        """Turn the pending rows into Arrow arrays."""
        for column, values in self.pending.items():
            self.chunks[column].append(pa.array(values, self.types[column]))
            values.clear()

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame with the raw table's columns, in order, and their dtypes."""
        self.flush()
        return pd.DataFrame(
            {
                column: series(pa.chunked_array(chunks, self.types[column]))
                for column, chunks in self.chunks.items()
            },
            copy=False,
        )


_CHUNK = 65_536  # rows kept as Python values at a time
_ID = {"inzet": "inzet_id", "activiteiten": "activiteit_id", "bijeenkomsten": "bijeenkomst_id"}
