"""The garbage collector paused during a command-line import (dashboard.ingest.collector): it
runs again after the last of overlapping pauses, also after an error, and stays off if it was
off; the app's import leaves it running."""

from __future__ import annotations

import gc
import threading

import pytest

from dashboard.ingest import collector


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_running_after():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_imports_run_it_again_only_after_the_last():
    first_in, first_may_end = threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector.paused():
            first_in.set()
            first_may_end.wait(10)
            seen.append(gc.isenabled())  # the second ended meanwhile: still paused

    worker = threading.Thread(target=first)
    worker.start()
    assert first_in.wait(10)
    with collector.paused():
        pass
    assert not gc.isenabled()  # the first import is still running
    first_may_end.set()
    worker.join(10)
    assert seen == [False]
    assert gc.isenabled()


def test_an_error_inside_runs_it_again():
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("kapot bestand")
    assert gc.isenabled()


def test_off_before_stays_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def _spy_on_validation(monkeypatch) -> list[bool]:
    """Whether the collector ran, each time a registration file is checked."""
    from dashboard.ingest import prepare

    states: list[bool] = []
    real = prepare._validate

    def spy(*args, **kwargs):
        states.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(prepare, "_validate", spy)
    return states


def test_the_command_line_import_checks_with_it_paused(monkeypatch, capsys, demo_copy, tmp_path):
    from tests.helpers import run_cli

    states = _spy_on_validation(monkeypatch)
    path = tmp_path / "leeg.csv"
    path.write_text("bijeenkomst_id,deelnemer_id\n", encoding="utf-8")
    code, _, _ = run_cli(capsys, "import", "deelnames", str(path), "--db", demo_copy)
    assert code == 0
    assert states == [False]
    assert gc.isenabled()


def test_the_apps_import_leaves_it_running(monkeypatch, demo_copy):
    # the app's upload calls prepare_registration itself: the other sessions' garbage must
    # not wait for it
    from dashboard.ingest import prepare

    states = _spy_on_validation(monkeypatch)
    prepare.prepare_registration(demo_copy, "deelnames", b"bijeenkomst_id,deelnemer_id\n", "x.csv")
    assert states == [True]
