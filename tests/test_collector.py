"""The garbage collector paused during an import (dashboard.ingest.collector): it runs again
after the last of overlapping imports, also after an error, and stays off if it was off."""

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


def test_a_registration_import_runs_with_it_paused(monkeypatch, demo_copy):
    # prepare_registration pauses it around reading and checking the file
    from dashboard.ingest import prepare

    states: list[bool] = []
    real = prepare._validate

    def spy(*args, **kwargs):
        states.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(prepare, "_validate", spy)
    data = b"bijeenkomst_id,deelnemer_id\n"
    prepare.prepare_registration(str(demo_copy), "deelnames", data, "leeg.csv")
    assert states == [False]
    assert gc.isenabled()
