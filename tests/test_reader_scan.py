"""The block-by-block scan of a CSV's text (registratie.reader._Scan): whatever the block
boundaries, it finds what one look at the whole text finds (the counts the fast path needs)."""

from __future__ import annotations

import random

import pytest

from dashboard.ingest.registratie import reader


def whole_text_scan(text: str) -> tuple[int, int, int, bool, bool, bool]:
    """The reference: each property of the whole text at once, by the plainest means."""
    controls = sum(1 for ch in text if ch in reader._CONTROL_CHARS)
    return (
        controls,
        text.count("\r"),
        text.count("\r\n"),
        not text.strip(),
        " " in text or "\t" in text,
        '"' in text,
    )


def scanned(pieces: list[str], with_bytes: bool) -> tuple[int, int, int, bool, bool, bool]:
    scan = reader._Scan()
    for piece in pieces:
        raw = piece.encode("utf-8") if with_bytes and piece.isascii() else None
        scan.add(piece, raw)
    return scan.controls, scan.carriage_returns, scan.crlf, scan.blank, scan.spaces, scan.quote


ALPHABET = [
    "a",
    "1",
    ";",
    ",",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    '"',
    "\x01",
    "\x1f",
    "\x7f",
    "é",
    "\x0b",
]


@pytest.mark.parametrize("seed", range(200))
def test_the_scan_in_pieces_finds_what_the_whole_text_holds(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
    if rng.random() < 0.2:
        text = rng.choice(["", " ", "\n\r\n", "\t \n"])  # blank texts
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 6))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    expected = whole_text_scan(text)
    assert scanned(pieces, with_bytes=False) == expected, pieces
    assert scanned(pieces, with_bytes=True) == expected, pieces


def test_a_crlf_split_over_two_blocks_counts_once():
    # worked out by hand: "a\r" + "\nb\r\n": two CRs, both followed by LF
    assert scanned(["a\r", "\nb\r\n"], with_bytes=True)[1:3] == (2, 2)
    assert scanned(["a\r", "b\n"], with_bytes=True)[1:3] == (1, 0)


def test_control_bytes_counts_the_control_characters_only():
    # worked out by hand: \x01, \x1f and \x7f are controls; NUL, tab, LF and CR are not
    assert reader._control_bytes(b"a\x01b\x1f\x7f\x00\t\n\r z") == 3
    assert reader._control_bytes(b"") == 0
