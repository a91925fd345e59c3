"""Taking a view along (issue 14 item 7): a button that copies the link of the view, and a
download of the screen's figures as an Excel workbook.

The link is the page's own address: every choice already lives in the URL (`frame`), so
the browser's `location.href` is the view. Streamlit has no copy-to-clipboard widget, so
the button is a small inline component (`st.components.v2`, no build step, no iframe:
its script runs in the page and reads the page's address). Where the browser refuses the
clipboard (a page served over plain http from another host than localhost is no secure
context), the button shows the link selected, to copy by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.display import formatting as fmt
from dashboard.display.export import xlsx
from dashboard.display.labels import LEVEL_LABELS, ROL_LABELS
from dashboard.i18n import N_, Labels, _, bind, ngettext
from dashboard.screens.state import State
from dashboard.ui import cache
from dashboard.ui.frame import ATTRIBUTIE_LABELS, attribution, gemeente_naam, is_fictitious

# in Dutch, the msgids; shown in the run's language
COPY_LABEL = N_("Link kopiëren")
COPIED = N_("Link gekopieerd: plak hem in een mail of chat.")
BY_HAND = N_("Kopiëren lukt niet in deze browser; kopieer de link hieronder (Ctrl+C).")
DOWNLOAD_LABEL = N_("Download deze cijfers (Excel)")
_LINK_FIELD = N_("Link van deze weergave")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HTML = f"""
<div class="deel">
  <button type="button" data-testid="wd-link-kopieren">{COPY_LABEL}</button>
  <span class="status" role="status"></span>
  <input type="text" readonly hidden aria-label="Link van deze weergave">
</div>
"""

_CSS = """
.deel { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; font-family: inherit; }
button {
  font: inherit; font-size: 1rem; padding: 0.25rem 0.75rem; min-height: 2.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; background: #ffffff;
  color: rgb(49, 51, 63);
}
/* a darker vermillion for text: 5.2:1 on white (#d55e00 is 3.9:1); focus as in dashboard.ui.a11y */
button:hover { border-color: #b34f00; color: #b34f00; }
button:focus-visible { outline: 3px solid #1a4f8b; outline-offset: 2px; }
.status { font-size: 0.875rem; color: rgba(49, 51, 63, 0.75); }
input { font: inherit; font-size: 0.875rem; width: 100%; padding: 0.25rem; }
"""

# The page's address at the moment of the click: the frame keeps the URL in step with the
# view, so this is the view as shown, with its own choices (map measure, selection).
_JS = """
export default function (component) {
  const { parentElement, data } = component;
  const button = parentElement.querySelector("button");
  const status = parentElement.querySelector(".status");
  const field = parentElement.querySelector("input");
  // the HTML is Dutch; the labels of the run's language come as data
  if (data.label) { button.textContent = data.label; }
  if (data.field) { field.setAttribute("aria-label", data.field); }
  button.onclick = async () => {
    const url = window.location.href;
    field.value = url;
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(url); copied = true; } catch (e) { copied = false; }
    }
    field.hidden = copied;
    if (!copied) { field.focus(); field.select(); }
    status.textContent = copied ? data.copied : data.by_hand;
  };
}
"""

_copy_link = st.components.v2.component("wijkdashboard_link_kopieren", html=_HTML, css=_CSS, js=_JS)


def copy_link_button(key: str = "deel_link") -> None:
    """The copy-link button (its label and the messages it shows are passed as data)."""
    _copy_link(
        key=key,
        data={
            "copied": _(COPIED),
            "by_hand": _(BY_HAND),
            "label": _(COPY_LABEL),
            "field": _(_LINK_FIELD),
        },
        width="stretch",
    )


def _link() -> str:
    """The view's address as the server knows it (for the workbook's explanation sheet)."""
    base = st.context.url or ""
    query = urlencode(st.query_params.to_dict())
    return f"{base}?{query}" if query else base


def about(state: State, screen: str, notes: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The explanation rows of a screen's workbook: what, where, when, which filters, and the
    screen's `notes` on how to read its figures (each a "Let op" row)."""
    rows = [
        (_("Scherm"), _(screen)),
        (_("Gemeente"), gemeente_naam(state)),
        (
            _("Periode"),
            _("{start} t/m {end}").format(
                start=fmt.dutch_date(state.start), end=fmt.dutch_date(state.end)
            ),
        ),
        (_("Gebiedsniveau"), LEVEL_LABELS.get(state.level, state.level)),
    ]
    # only the filters this screen applies: a link's others stay for the other screens
    rol, organisatie = state.applies("rol"), state.applies("organisatie")
    activity_type = state.applies("activity_type")
    if rol:
        rows.append((_("Rol"), ROL_LABELS.get(rol, rol)))
    if organisatie:
        orgs = cache.organisaties(state.query_gemeente)
        names = dict(zip(orgs["organisatie_id"], orgs["naam"], strict=True))
        rows.append((_("Organisatie"), str(names.get(organisatie, organisatie))))
    if activity_type:
        rows.append((_("Soort activiteit"), activity_type))
    if screen == "Bereik":
        rows.append((_("Bereik toegekend aan"), ATTRIBUTIE_LABELS[state.attributie]))
    rows += [(_("Let op"), note) for note in notes]
    rows += [
        (
            _("Kleine aantallen"),
            # as docs/DESIGN.md §7: the rule covers participants and residents, and a team
            # lead's walk found "Gezichten" of 1 and 2 beside a note that said "personen"
            _(
                "Aantallen deelnemers, deelnames en bereikte inwoners van 1 tot 4 staan als <5"
                " (privacy). Aantallen professionals (gezichten) niet: zij staan er in hun werk."
            ),
        ),
        (_("Bron"), _(attribution(state))),
        (_("Link"), _link()),
        (_("Gemaakt op"), fmt.dutch_date(date.today())),
    ]
    if is_fictitious(state):
        rows.insert(0, (_("Let op"), _("Fictieve gegevens (demo), geen echte gemeente")))
    return rows


def file_name(state: State, screen: str) -> str:
    """`bereik-GM9999-2025-11-01-2026-10-31.xlsx` (ASCII, no spaces); filtered on one
    organisatie, its code after the gemeente's, so that two files of a team meeting differ."""
    slug = screen.lower().replace("ï", "i").replace(" ", "-")
    # an organisation's code comes from its data: only letters, digits, - and _ in a file name
    org = re.sub(r"[^A-Za-z0-9_-]+", "-", state.applies("organisatie") or "").strip("-")
    where = f"{state.gemeente}-{org}" if org else state.gemeente
    return f"{slug}-{where}-{state.start.isoformat()}-{state.end.isoformat()}.xlsx"


def share_tools(
    state: State,
    screen: str,
    figures: Callable[[], Sequence[tuple[str, pd.DataFrame]]],
    notes: Sequence[str] = (),
) -> None:
    """The copy-link button and the download of the screen's figures, side by side.

    `figures` gives the screen's tables (title, table with Dutch headers and real numbers);
    it runs when the download is clicked, not on every run of the page. `notes`: what the
    screen says about reading its figures, for the workbook's first sheet too.
    """
    rows = about(state, screen, notes)
    with st.container(horizontal=True, vertical_alignment="top", gap="small"):
        st.download_button(
            _(DOWNLOAD_LABEL),
            # made on click, maybe outside this run: in the language of this run
            data=bind(lambda: xlsx.tables_workbook(rows, list(figures()))),
            file_name=file_name(state, screen),
            mime=XLSX_MIME,
            icon=":material/download:",
            on_click="ignore",
            key="deel_download",
        )
        copy_link_button()


# What each export format is called on its button.
EXPORT_LABELS = Labels(
    {
        "pdf": N_("PDF (A4)"),
        "pptx": N_("PowerPoint (PPTX)"),
        "png": N_("Grafieken (PNG, zip)"),
        "xlsx": N_("Cijfers (Excel)"),
    }
)


_FORMAT_NAMES = {"pdf": "PDF", "pptx": "PowerPoint", "png": "PNG", "xlsx": "Excel"}


def export_buttons(
    kinds: Sequence[str],
    make: Callable[[str], bytes],
    file_name: Callable[[str], str],
    key: str,
) -> None:
    """One download button per export format this server can make, each made on click
    (`make(kind)`), and the copy-link button beside them, as on the other screens; where
    Chromium is missing, a Dutch reason instead of its buttons."""
    from dashboard.display import export

    offered = [kind for kind in kinds if export.available(kind)]
    missing = [_FORMAT_NAMES[kind] for kind in kinds if kind not in offered]
    if missing:
        st.warning(
            ngettext(
                "{formats} tekent zijn grafieken met de browser Chromium, die op deze"
                " server ontbreekt; vraag de beheerder het Debian-pakket chromium te installeren.",
                "{formats} tekenen hun grafieken met de browser Chromium, die op deze"
                " server ontbreekt; vraag de beheerder het Debian-pakket chromium te installeren.",
                len(missing),
            ).format(formats=fmt.join_words(missing))
            + (" " + _("De cijfers als Excel kunt u wel downloaden.") if "xlsx" in offered else "")
        )
    # side by side at their own widths, wrapping on a narrow screen (equal columns left a
    # gap after the short "PDF (A4)")
    with st.container(horizontal=True, vertical_alignment="top", gap="small"):
        for kind in offered:
            st.download_button(
                EXPORT_LABELS[kind],
                data=bind(partial(make, kind)),  # made only when clicked, in this run's language
                file_name=file_name(kind),
                mime=export.MIME[kind],
                key=f"{key}_{kind}",
                icon=":material/download:",
            )
        copy_link_button()
