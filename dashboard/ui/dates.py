"""Typed dates apply on Enter and Tab (issue 14 item 6).

Why this is needed: Streamlit 1.67's `st.date_input` is a React Aria date field (a segment
each for day, month and year, and a calendar button inside the field). It sends a typed date
to the server only when the focus leaves the whole field (its `onBlur`). Enter has no
handler at all, and Tab from the year segment moves the focus to the field's own calendar
button, which is still inside the field: so neither applies the date, and the calendar that
opened on the click stays open. Streamlit offers no option for this.

The workaround keeps Streamlit's widget and its own commit: a small inline component
(`st.components.v2`, its script runs in the page, no iframe) listens to the keys in every
date field of the page. Enter moves the focus out of the field, to an empty element of the
component (Streamlit then applies the date and closes the calendar, as after a click
elsewhere); Tab from the last segment moves it to the next control after the field, where
Tab would go. (The field ignores a blur to nowhere while its calendar is open, so the focus
must land on an element.) Shift+Tab and
Tab between the segments keep their usual meaning. Remove this module once Streamlit applies
typed dates on Enter itself (the browser test `tests/e2e/test_dates.py` tells).
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function (component) {
  // a place outside every field and calendar to move the focus to on Enter (looked up when
  // needed: a rerun may have drawn the component anew)
  const host = component.parentElement;
  const restingPlace = () => host.querySelector("span");
  const FIELD = "[data-testid='stDateInputField']";
  const SEGMENT = "[role='spinbutton']";
  const FOCUSABLE = "input, button, select, textarea, a[href], [tabindex]:not([tabindex='-1'])";

  function nextAfter(field) {
    // the first control after the field in document order, outside the field
    const all = Array.from(document.querySelectorAll(FOCUSABLE));
    return all.find((el) =>
      !field.contains(el) && !el.disabled && el.offsetParent !== null &&
      (field.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
  }

  function onKeyDown(event) {
    const segment = event.target.closest ? event.target.closest(SEGMENT) : null;
    const field = segment ? segment.closest(FIELD) : null;
    if (!field) return;
    if (event.key === "Enter") {
      event.preventDefault();
      event.stopPropagation();
      // Streamlit's onBlur applies the date only when the focus goes to an element outside
      // the field and its open calendar (a plain blur(), to nowhere, is ignored)
      (restingPlace() || nextAfter(field) || document.body).focus();
    } else if (event.key === "Tab" && !event.shiftKey) {
      const segments = Array.from(field.querySelectorAll(SEGMENT));
      if (segments[segments.length - 1] !== segment) return;  // on to the next segment
      event.preventDefault();
      event.stopPropagation();
      const next = nextAfter(field);
      (next || restingPlace() || document.body).focus();  // onBlur sees it went outside
    }
  }

  // capture: before React Aria's own handlers on the segment
  document.addEventListener("keydown", onKeyDown, true);
  // a mark that the keys are handled (the browser tests wait for it before typing a date)
  document.body.dataset.datumToetsen = "actief";
  return () => {
    document.removeEventListener("keydown", onKeyDown, true);
    delete document.body.dataset.datumToetsen;
  };
}
"""

_date_keys = st.components.v2.component(
    "wijkdashboard_datum_toetsen", html='<span tabindex="-1" aria-hidden="true"></span>', js=_JS
)


def apply_typed_dates_on_enter_and_tab(key: str = "datum_toetsen") -> None:
    """Mount the key handler once on the page (it covers every date field of the page)."""
    _date_keys(key=key, width="content", height="content")
