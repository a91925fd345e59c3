"""The privacy check on free text (verhalen): refuse obvious personal data, in Dutch.

A verhaal is shown beside the figures, to the public too once published (issue 16). Names
cannot be recognised reliably, so the form warns against them; what can be recognised is
refused: e-mail addresses, phone numbers and numbers that pass the 11-proef of a BSN.
"""

from __future__ import annotations

import re

from dashboard.i18n import N_

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch phone numbers: 06-12345678, 010 123 45 67, +31 6 1234 5678, 0031201234567
_PHONE = re.compile(r"(?<![\d])(?:\+31|0031|0)[\s\-]?(?:\(0\)[\s\-]?)?(?:\d[\s\-]?){8}\d(?![\d])")
# 8 or 9 digits, also written in groups (123.456.782, 123 456 782)
_NUMBER = re.compile(r"(?<![\d.])\d(?:[ .]?\d){7,8}(?![\d])")

REDEN_EMAIL = N_("De tekst bevat een e-mailadres")
REDEN_TELEFOON = N_("De tekst bevat een telefoonnummer")
REDEN_BSN = N_("De tekst bevat een nummer dat op een burgerservicenummer (BSN) lijkt")
ADVIES = N_(
    "haal persoonsgegevens weg: geen namen, adressen, e-mailadressen, telefoonnummers of BSN's"
)
# the refusal (Dutch; shown in the run's language through its template)
REFUSAL = N_(
    "{reasons}: haal persoonsgegevens weg: geen namen, adressen, e-mailadressen,"
    " telefoonnummers of BSN's."
)


def passes_elfproef(digits: str) -> bool:
    """The BSN 11-proef: 9×d1 + 8×d2 + ... + 2×d8 − 1×d9 is a multiple of 11 (8 digits: a
    leading 0), and not all zeros."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def personal_data(text: str) -> list[tuple[str, str]]:
    """(what was found, reason) for each obvious piece of personal data in the text."""
    found: list[tuple[str, str]] = []
    rest = text
    for match in _EMAIL.finditer(text):
        found.append((match.group(), REDEN_EMAIL))
        rest = rest.replace(match.group(), " ")
    for match in _PHONE.finditer(rest):
        found.append((match.group().strip(), REDEN_TELEFOON))
        rest = rest.replace(match.group(), " ")
    for match in _NUMBER.finditer(rest):
        digits = re.sub(r"\D", "", match.group())
        if passes_elfproef(digits):
            found.append((match.group(), REDEN_BSN))
    return found


def refusal(text: str) -> str | None:
    """One Dutch sentence saying why the text is refused, or None when nothing was found."""
    found = personal_data(text)
    if not found:
        return None
    reasons = sorted(
        {reason for _, reason in found}, key=[REDEN_EMAIL, REDEN_TELEFOON, REDEN_BSN].index
    )
    return REFUSAL.format(reasons="; ".join(reasons))
