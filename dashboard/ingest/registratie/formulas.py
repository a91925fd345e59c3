"""Formula cells of a workbook that were never calculated.

A workbook keeps each formula with its last result. Excel and LibreOffice write that result
when they save; a workbook made by a program (a script with openpyxl, some report tools)
may hold formulas without one. (XlsxWriter writes 0 as the result of a formula it did not
calculate: that cannot be told from a real 0, and is not found here.) openpyxl reads the results, not the formulas, so such a cell
reads as empty and its value would be lost without a word: an importer refuses the sheet
and names the cell. openpyxl gives no way to see them (its reader drops the formula when it
reads the results), so the sheet's XML is scanned for them here, as it streams from the zip.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

# One cell with a formula: <c ...><f ...>text</f> or <f .../>, then its <v> (or none), </c>;
# elements may carry a namespace prefix (x:c), as the Open XML SDK writes them.
_CELL = re.compile(
    rb"<(?:\w+:)?c\b(?P<attributes>[^>]*)>\s*"
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:(?P<empty><(?:\w+:)?v\s*/>)|<(?:\w+:)?v>(?P<value>[^<]*)</(?:\w+:)?v>)?\s*"
    rb"</(?:\w+:)?c>"
)
_REFERENCE = re.compile(rb"""\br=["']([A-Z]{1,3}[0-9]+)["']""")
# a formula whose result is an empty text has an empty <v> and says it is text (t="str")
_TEXT_RESULT = re.compile(rb"""\bt=["']str["']""")
_BLOCK = 1 << 20


def uncalculated_formula(source: IO[bytes], member: str) -> str | None:
    """The first cell (as "C5", or "" when the file does not number its cells) of sheet
    `member` in the workbook `source` that has a formula without a result; None when
    every formula has one. `source` is read from its start and left there."""
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as workbook, workbook.open(member) as sheet:
            carry = b""
            while block := sheet.read(_BLOCK):
                text = carry + block
                found = _first_without_result(text)
                if found is not None:
                    return found
                # a cell cut in two by the block boundary is read whole with the next block
                end = text.rfind(b"</c>")
                end = text.rfind(b":c>") if end < 0 else end
                carry = text[end + 1 :] if end >= 0 else text[-65_536:]
            return None
    finally:
        source.seek(0)


def _first_without_result(text: bytes) -> str | None:
    if b"<f" not in text and b":f" not in text:  # no formula in this block: the usual case
        return None
    for cell in _CELL.finditer(text):
        value = cell.group("value")
        if value is not None and value.strip():
            continue
        has_v = value is not None or cell.group("empty") is not None
        if has_v and _TEXT_RESULT.search(cell["attributes"]):  # an empty text, calculated
            continue
        reference = _REFERENCE.search(cell["attributes"])
        return reference.group(1).decode() if reference else ""
    return None
