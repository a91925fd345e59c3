"""Gegevens: import registration exports, CBS areas and an own indeling; import history; data
quality; the audit log. Only a beheerder opens it (the frame) and imports (the button too)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.config import database_location, read_only
from dashboard.display.labels import BEHEER_LABELS, IMPORT_KIND_LABELS, PLEK_TYPE_LABELS
from dashboard.display.text import md
from dashboard.domain import codes as domain_codes
from dashboard.domain.roles import BEHEERDER
from dashboard.i18n import N_, _
from dashboard.ingest import assets, indeling, prepare, registratie, statline, write
from dashboard.ingest.cbs import CbsImportError
from dashboard.ingest.prepare import Prepared
from dashboard.screens import access
from dashboard.screens.gegevens import (
    ASSET_KIND_LABELS,
    ENTRY_KINDS,
    HISTORY_NOTE_PX,
    HISTORY_WRITTEN_PX,
    PRIVACY_WARNING,
    REPORT_ROW_HEIGHT,
    STATUS_ACTIONS,
    VERHAAL_CODE_LABELS,
    audit_table,
    cbs_preview,
    entry_cells,
    history_table,
    import_audit_details,
    import_summary,
    mapping_widgets_defaults,
    new_entry_id,
    quality_table,
    report_table,
    report_verdict,
    report_widths,
    status_summary,
    uploaded_to_temp,
    verhaal_line,
    verhalen_table,
)
from dashboard.ui import audit, cache, uploads
from dashboard.ui.frame import SIGNAL_ROW_PX, frame, viewer
from dashboard.ui.share import XLSX_MIME

# imports, logs and data quality have no period or area level: no such filters
state = frame("Gegevens", period=False)
location = database_location()
# an instance configured read-only (several behind a load balancer) never writes
writable = not read_only()
READ_ONLY_NOTE = N_(
    "Deze installatie leest de database alleen (WIJKDASHBOARD_READ_ONLY): importeren gebeurt"
    " op de beheerinstantie. De importgeschiedenis en de datakwaliteit staan in de andere tabbladen."
)
tab_reg, tab_cbs, tab_eigen, tab_wijk, tab_log, tab_quality, tab_audit = st.tabs(
    [
        _("Registraties"),
        _("CBS-gebieden en kerncijfers"),
        _("Eigen indeling"),
        _("Plekken, routes en verhalen"),
        _("Importgeschiedenis"),
        _("Datakwaliteit"),
        _("Auditlog"),
    ]
)


def show_report(prepared: Prepared) -> None:
    """The whole validation report, before anything is written."""
    if prepared.problems:
        table = report_table(prepared.problems)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            row_height=REPORT_ROW_HEIGHT,
            column_config={
                c: st.column_config.Column(width=w) for c, w in report_widths(table).items()
            },
        )
    kind, message = report_verdict(prepared)
    {"error": st.error, "warning": st.warning, "success": st.success}[kind](message)


# The tables an upload field takes: also an old .xls, which the reader refuses with a Dutch
# reason (save it as .xlsx); refused by the field itself it showed only an icon with an
# English tooltip
TABLE_FILES = ["csv", "txt", "xlsx", "xlsm", "xls"]

LOOK_ONLY_NOTE = N_(
    "'Bekijk als' laat zien wat een beheerder ziet, maar importeert niet. Importeren kan"
    " een ingelogde beheerder, of de beheerder die het dashboard voor zichzelf start met"
    " `WIJKDASHBOARD_LOKAAL=1 make run`."
)


def write_logged(prepared: Prepared) -> write.ImportResult | None:
    """Write prepared data through write.commit; the attempt goes into the audit log, a
    refusal or failure is shown. Only for a viewer who may import (checked by the caller)."""
    who = viewer()
    try:
        result = write.commit(location, prepared, user=who.label)
    except (write.ImportFailed, write.ImportRefused) as exc:
        audit.imported(who, "Gegevens", import_audit_details(prepared))
        st.error(md(registratie.shown_reason(str(exc))))
        return None
    audit.imported(who, "Gegevens", import_audit_details(prepared, result))
    return result


def import_button(prepared: Prepared, key: str) -> None:
    """Write the prepared data when the user confirms; every attempt goes into the audit log."""
    who = viewer()
    if who.role != BEHEERDER:  # the frame already refuses the screen: defence in depth
        st.error(_("Alleen een beheerder kan gegevens importeren."))
        return
    allowed = access.may_import(who)
    if not allowed:
        st.info(_(LOOK_ONLY_NOTE), icon=":material/lock:")
    # a file with only its header has nothing to import (the verdict above says so)
    disabled = bool(prepared.errors) or prepared.leeg or not allowed
    if st.button(_("Importeren"), key=key, type="primary", disabled=disabled) and allowed:
        result = write_logged(prepared)
        if result is not None:
            st.success(md(import_summary(result)))


def prepared_upload(
    name: str, upload: Any, option: object, prepare_file: Callable[[bytes, str], Prepared]
) -> Prepared | None:
    """An uploaded file (widget key `<name>_upload`) prepared once per file, option and
    database version, not on every rerun; a file that cannot be read says why (None)."""
    data, filename = upload.getvalue(), upload.name
    try:
        return uploads.once(
            name,
            (uploads.digest(f"{name}_upload", upload), filename, option, cache.database_location()),
            lambda: prepare_file(data, filename),
            errors=(registratie.ImportFileError,),
        )
    except registratie.ImportFileError as exc:
        st.error(md(exc.shown()))
        return None


STATUS_DONE = "gg_verhaal_status_klaar"  # the confirmation of a status change, after its rerun


def verhaal_status_buttons(stories: pd.DataFrame) -> None:
    """Per verhaal a button to publish it or take it back to concept, written like an
    import (write.commit: a new version, the import log, the audit log); only for a viewer
    who sees concepten and may import ("Bekijk als" sees the buttons, switched off)."""
    who = viewer()
    if not who.sees_concept_verhalen or stories.empty:
        return
    allowed = access.may_import(who)
    st.markdown("**" + _("Publiceren of terug naar concept") + "**")
    if not allowed:
        st.info(_(LOOK_ONLY_NOTE), icon=":material/lock:")
    for story in stories.itertuples(index=False):
        status, verhaal_id, thema = str(story.status), str(story.verhaal_id), str(story.thema)
        new_status, label = STATUS_ACTIONS[status]
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(verhaal_line(story))
        clicked = right.button(
            _(label),
            key=f"gg_verhaal_status_{verhaal_id}",
            disabled=not allowed,
            help=_("Het publiek ziet het verhaal daarna op het Wijkprofiel.")
            if new_status == "gepubliceerd"
            else _("Het publiek ziet het verhaal daarna niet meer."),
        )
        if clicked and allowed:
            prepared = assets.prepare_status(location, verhaal_id, new_status)
            if prepared.errors:
                show_report(prepared)
            result = write_logged(prepared)
            if result is not None:
                # shown above the list after the rerun, which lists the new status
                st.session_state[STATUS_DONE] = status_summary(result, new_status, thema)
                st.rerun()


def template_buttons(
    kind: str, csv_of: Callable[[str], bytes], xlsx_of: Callable[[str], bytes], key: str
) -> None:
    """The CSV and Excel template of an import kind, side by side; each file is made only when
    its button is clicked (a workbook per run cost every rerun of Gegevens), in this run's
    language."""
    left, right = st.columns(2)
    left.download_button(
        _("Sjabloon (CSV)"),
        i18n.bind(partial(csv_of, kind)),
        f"sjabloon_{kind}.csv",
        "text/csv",
        key=f"{key}_csv",
    )
    right.download_button(
        _("Sjabloon (Excel)"),
        i18n.bind(partial(xlsx_of, kind)),
        f"sjabloon_{kind}.xlsx",
        XLSX_MIME,
        key=f"{key}_xlsx",
    )


with tab_reg:
    if not writable:
        st.info(_(READ_ONLY_NOTE), icon=":material/lock:")
    else:
        kind = st.selectbox(
            _("Soort export"),
            registratie.KINDS,
            # the export kinds as the menu names them (the codes are the sheet and file names)
            format_func=i18n.bind(lambda k: IMPORT_KIND_LABELS.get(k, str(k))),
            key="gg_kind",
        )
        template_buttons(kind, registratie.template_csv, registratie.template_xlsx, "gg_tpl")
        upload = st.file_uploader(_("Bestand (CSV of Excel)"), type=TABLE_FILES, key="gg_upload")
        sheet = st.text_input(
            _("Tabblad (alleen Excel; leeg = het tabblad met de naam van de soort, of het eerste)"),
            key="gg_sheet",
        )
        if upload is not None:
            data, filename = upload.getvalue(), upload.name
            # read and prepared once per file, options and database version, not per rerun
            source = (uploads.digest("gg_upload", upload), filename, sheet or None, kind)
            try:
                raw = uploads.once(
                    "gg_raw",
                    source,
                    lambda: registratie.read_export(data, filename, sheet or None, kind=kind),
                    errors=(registratie.ImportFileError,),
                )
            except registratie.ImportFileError as exc:
                st.error(md(exc.shown()))
            else:
                store = prepare.mapping_store(location)
                saved = st.selectbox(
                    _("Bewaarde kolomkoppeling"),
                    ["", *store.names(kind)],
                    format_func=i18n.bind(lambda name: name or _("(geen: automatisch voorstel)")),
                    key="gg_saved_mapping",
                )
                defaults = mapping_widgets_defaults(
                    kind, list(raw.frame.columns), store, saved or None
                )
                st.markdown(
                    "**"
                    + _("Kolomkoppeling")
                    + "**: "
                    + _("welke kolom van uw bestand hoort bij welk veld?")
                )
                options = ["", *raw.frame.columns]
                mapping = {}
                columns = st.columns(3)
                for i, field in enumerate(registratie.TEMPLATES[kind]):
                    label = f"{field.name}{' *' if field.required else ''}"
                    default = defaults.get(field.name) or ""
                    mapping[field.name] = (
                        columns[i % 3].selectbox(
                            label,
                            options,
                            index=options.index(default) if default in options else 0,
                            help=registratie.shown_reason(field.description),
                            format_func=i18n.bind(lambda column: column or _("(geen kolom)")),
                            key=f"gg_map_{kind}_{field.name}",
                        )
                        or None
                    )
                name_column, save_column = st.columns([3, 1])
                mapping_name = name_column.text_input(
                    _("Koppeling bewaren als"), key="gg_mapping_name"
                )
                if save_column.button(
                    _("Bewaren"), key="gg_save_mapping", disabled=not mapping_name
                ):
                    try:
                        store.save(mapping_name, kind, mapping)
                        st.success(
                            _("Koppeling '{name}' is bewaard.").format(name=md(mapping_name))
                        )
                    except ValueError as exc:
                        st.error(md(registratie.shown_reason(str(exc))))
                try:
                    prepared, _unused = uploads.once(
                        "gg_prepared",
                        (*source, tuple(mapping.items()), cache.database_location()),
                        lambda: prepare.prepare_registration(
                            location, kind, data, filename, mapping=mapping, sheet=sheet or None
                        ),
                        errors=(registratie.ImportFileError, ValueError),
                    )
                except (registratie.ImportFileError, ValueError) as exc:
                    st.error(
                        md(
                            exc.shown()
                            if isinstance(exc, registratie.ImportFileError)
                            else registratie.shown_reason(str(exc))
                        )
                    )
                else:
                    show_report(prepared)
                    import_button(prepared, "gg_import")

with tab_cbs:
    if not writable:
        st.info(_(READ_ONLY_NOTE), icon=":material/lock:")
    else:
        st.markdown(
            _(
                "Laad de CBS Wijk- en buurtkaart (GeoPackage van CBS/PDOK, of een GeoJSON- of Shapefile-export als zip). "
                "Gebieden worden omgezet naar WGS84 en vereenvoudigd zonder gaten tussen buren; "
                "kerncijfers komen uit de kolommen van het bestand."
            )
        )
        cbs_file = st.file_uploader(
            _("CBS-bestand"), type=["gpkg", "geojson", "json", "zip"], key="gg_cbs_upload"
        )
        codes = st.text_input(
            _("Alleen deze gemeenten (bv. GM0344 GM0202; leeg = alle)"), key="gg_cbs_gemeenten"
        )
        if cbs_file is not None:
            cbs_data, cbs_name = cbs_file.getvalue(), cbs_file.name

            def prepare_cbs_file() -> Prepared:
                with uploaded_to_temp(cbs_data, cbs_name) as path:
                    return prepare.prepare_cbs(path, gemeenten=codes.split() or None)

            try:
                # a CBS file is read and simplified once per file and gemeenten, not per rerun
                prepared = uploads.once(
                    "gg_cbs",
                    (uploads.digest("gg_cbs_upload", cbs_file), cbs_name, tuple(codes.split())),
                    prepare_cbs_file,
                    errors=(CbsImportError,),
                )
            except CbsImportError as exc:
                shown = (
                    f"{exc.bestand}: {registratie.shown_reason(exc.reden)}"
                    if exc.reden is not None
                    else registratie.shown_reason(str(exc))
                )
                st.error(md(shown))
            else:
                st.dataframe(cbs_preview(prepared), hide_index=True)
                show_report(prepared)
                import_button(prepared, "gg_cbs_import")

        st.divider()
        st.markdown(
            "**"
            + _("Kerncijfers ophalen bij CBS StatLine")
            + "** "
            + _("(vraagt een internetverbinding)")
        )
        online_left, online_right = st.columns(2)
        online_gemeente = online_left.text_input(
            _("Gemeentecode"), value=state.query_gemeente or "", key="gg_statline_gm"
        )
        online_jaar = online_right.selectbox(
            _("Jaar"), sorted(statline.KERNCIJFERS_TABELLEN, reverse=True), key="gg_statline_jaar"
        )
        if st.button(_("Ophalen en controleren"), key="gg_statline_fetch"):
            try:
                st.session_state["gg_statline"] = prepare.prepare_statline(
                    location, online_gemeente.strip(), online_jaar
                )
            except (statline.StatlineUnavailable, ValueError) as exc:
                st.session_state.pop("gg_statline", None)
                # StatLine's errors are Dutch templates: shown in the page's language
                st.error(md(registratie.shown_reason(str(exc))))
        fetched = st.session_state.get("gg_statline")
        if fetched is not None:
            st.dataframe(cbs_preview(fetched), hide_index=True)
            show_report(fetched)
            import_button(fetched, "gg_statline_import")

with tab_eigen:
    if not writable:
        st.info(_(READ_ONLY_NOTE), icon=":material/lock:")
    else:
        st.markdown(
            _(
                "Een eigen indeling (stadsdelen, gebieden) koppelt elke CBS-buurt aan een gebied: kolommen **buurtcode** en **gebied**."
            )
        )
        naam = st.text_input(
            _("Naam van de indeling"), value=_("Eigen indeling"), key="gg_indeling_naam"
        )
        indeling_file = st.file_uploader(
            _("Indeling (CSV of Excel)"), type=TABLE_FILES, key="gg_indeling_upload"
        )
        if indeling_file is not None:
            uploaded = prepared_upload(
                "gg_indeling",
                indeling_file,
                naam,
                lambda data, name: indeling.prepare_indeling(location, data, name, naam),
            )
            if uploaded is not None:
                show_report(uploaded)
                import_button(uploaded, "gg_indeling_import")

with tab_wijk:
    if not writable:
        st.info(_(READ_ONLY_NOTE), icon=":material/lock:")
    else:
        st.markdown(
            _(
                "Wat de wijk heeft: **plekken** (plekken, initiatieven en partners met een punt),"
                " **routes** die bewoners maakten (elke stop een rij, of een lijn in GeoJSON) en"
                " **verhalen** per wijk of buurt. Coördinaten in WGS84 (lon, lat) of RD New (x, y)."
            )
        )
        wijk_kind = st.selectbox(
            _("Soort"),
            assets.KINDS,
            format_func=i18n.bind(ASSET_KIND_LABELS.__getitem__),
            key="gg_wijk_kind",
        )
        template_buttons(wijk_kind, assets.template_csv, assets.template_xlsx, "gg_wijk_tpl")
        wijk_file = st.file_uploader(
            _("Bestand (CSV, Excel of GeoJSON)"),
            type=[*TABLE_FILES, "geojson", "json"],
            key="gg_wijk_upload",
        )
        if wijk_file is not None:
            uploaded = prepared_upload(
                "gg_wijk",
                wijk_file,
                wijk_kind,
                lambda data, name: assets.prepare_assets(location, wijk_kind, data, name),
            )
            if uploaded is not None:
                show_report(uploaded)
                import_button(uploaded, "gg_wijk_import")

        if state.query_gemeente is not None:
            who = viewer()
            stories = cache.verhalen(state.query_gemeente, ook_concept=who.sees_concept_verhalen)
            done = st.session_state.pop(STATUS_DONE, None)
            if done is not None:
                st.success(md(done), icon=":material/check_circle:")
            with st.expander(
                _("Verhalen van deze gemeente ({n})").format(n=len(stories)),
                expanded=done is not None,
            ):
                st.caption(
                    _(
                        "Concepten ziet alleen de beheerder; het publiek ziet alleen gepubliceerde"
                        " verhalen (op het Wijkprofiel)."
                    )
                )
                st.dataframe(verhalen_table(stories), hide_index=True, width="stretch")
                verhaal_status_buttons(stories)

        st.divider()
        st.markdown("**" + _("Eén verhaal of plek invoeren") + "**")
        st.warning(_(PRIVACY_WARNING), icon=":material/privacy_tip:")
        entry_kind = st.radio(
            _("Wat voert u in?"),
            list(ENTRY_KINDS),
            format_func=i18n.bind(ENTRY_KINDS.__getitem__),
            horizontal=True,
            key="gg_entry_kind",
        )
        if state.query_gemeente is None:
            st.info(_("Kies eerst een gemeente in de zijbalk."))
        else:
            with st.form("gg_entry_form"):
                values: dict[str, object]
                if entry_kind == "verhalen":
                    areas = cache.gebieden("wijk", state.query_gemeente)
                    buurten = cache.gebieden("buurt", state.query_gemeente)
                    names = dict(zip(areas["gebiedscode"], areas["naam"], strict=True))
                    names |= dict(zip(buurten["gebiedscode"], buurten["naam"], strict=True))
                    values = {
                        "gebiedscode": st.selectbox(
                            _("Wijk of buurt"), list(names), format_func=names.__getitem__
                        ),
                        "datum": st.date_input(_("Datum"), format="DD-MM-YYYY"),
                        "thema": st.text_input(
                            _("Thema"), placeholder=_("ontmoeting, groen, veiligheid …")
                        ),
                        "tekst": st.text_area(_("Tekst"), max_chars=600),
                        "bron": st.selectbox(
                            _("Bron"),
                            domain_codes.VERHAAL_BRONNEN,
                            format_func=i18n.bind(VERHAAL_CODE_LABELS.__getitem__),
                        ),
                        "status": st.selectbox(
                            _("Status"),
                            domain_codes.VERHAAL_STATUSSEN,
                            format_func=i18n.bind(VERHAAL_CODE_LABELS.__getitem__),
                        ),
                    }
                else:
                    values = {
                        "naam": st.text_input(_("Naam")),
                        "type": st.selectbox(
                            _("Type"),
                            domain_codes.PLEK_TYPES,
                            format_func=i18n.bind(PLEK_TYPE_LABELS.__getitem__),
                        ),
                        "beheer": st.selectbox(
                            _("Beheer"),
                            domain_codes.BEHEER,
                            format_func=i18n.bind(BEHEER_LABELS.__getitem__),
                        ),
                        "lon": st.number_input(
                            _("Lengtegraad (lon, WGS84)"), format="%.6f", value=None
                        ),
                        "lat": st.number_input(
                            _("Breedtegraad (lat, WGS84)"), format="%.6f", value=None
                        ),
                        "startdatum": st.date_input(_("Sinds"), value=None, format="DD-MM-YYYY"),
                        "beschrijving": st.text_input(_("Korte beschrijving (zonder namen)")),
                    }
                if st.form_submit_button(_("Controleren")):
                    cells = entry_cells(
                        entry_kind, values, new_entry_id(entry_kind, datetime.now())
                    )
                    st.session_state["gg_entry"] = assets.prepare_entry(location, entry_kind, cells)
            entry = st.session_state.get("gg_entry")
            if entry is not None:
                show_report(entry)
                import_button(entry, "gg_entry_import")

with tab_log:
    st.caption(
        _(
            "Bestanden die iets hebben geschreven. Een bestand met fouten wordt niet"
            " geïmporteerd en staat nergens; een import die mislukte of die de opdrachtregel"
            " weigerde, schreef niets en staat met haar uitkomst in de auditlog."
        )
    )
    history = cache.import_history()
    if history.empty:
        st.info(_("Er zijn nog geen bestanden geïmporteerd."))
    else:
        logged = history_table(history)
        st.dataframe(
            logged,
            hide_index=True,
            width="stretch",
            # what an import wrote, per table, wraps onto a second line instead of pushing
            # the user and the warnings out of a 1024-pixel screen
            row_height=SIGNAL_ROW_PX,
            column_config={
                _("Geschreven"): st.column_config.TextColumn(width=HISTORY_WRITTEN_PX),
                # "2 waarschuwing(en)" on one line: at its own width it broke mid-word
                _("Melding"): st.column_config.TextColumn(width=HISTORY_NOTE_PX),
            },
        )

with tab_quality:
    if state.is_national:
        st.caption(_("Alle gemeenten samen; kies een gemeente voor haar eigen cijfers."))
    st.dataframe(
        quality_table(cache.datakwaliteit(state.query_gemeente)),
        hide_index=True,
        width="stretch",
    )

with tab_audit:
    st.caption(
        _(
            "Wie zich aanmeldde, wie namen van professionals zag en wie wat importeerde; de nieuwste"
            " eerst. De auditlog wordt alleen aangevuld, nooit gewijzigd, en bevat geen gegevens"
            " van deelnemers."
        )
    )
    try:
        entries = audit.latest()
    except audit.AuditUnavailable as exc:
        st.error(md(exc))
    else:
        if entries.empty:
            st.info(_("De auditlog is nog leeg."))
        else:
            st.dataframe(audit_table(entries), hide_index=True, width="stretch")
