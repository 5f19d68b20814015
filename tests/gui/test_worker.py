"""Background work: results arrive in the GUI thread, errors as sentences, stale results dropped."""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot

from fsa_desk.errors import InputRejected
from fsa_desk.gui.worker import Runner, SyncRunner


def test_result_arrives_in_the_gui_thread_and_work_ran_elsewhere(qtbot: QtBot) -> None:
    runner = Runner()
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work() -> int:
        return threading.get_ident()

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(work, on_result=lambda worker: seen.append((worker, threading.get_ident())))
    assert len(seen) == 1
    worker_thread, delivered_in = seen[0]
    assert worker_thread != gui_thread
    assert delivered_in == gui_thread


def test_our_errors_arrive_as_their_sentence_others_as_a_generic_one(qtbot: QtBot) -> None:
    runner = Runner()
    messages: list[str] = []

    def rejected() -> None:
        raise InputRejected("Das Datum liegt in der Zukunft.")

    def broken() -> None:
        raise KeyError("Haddad")  # must never reach the user (could be client data)

    for work in (rejected, broken):
        with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
            runner.run(work, on_error=messages.append)
    assert messages[0] == "Das Datum liegt in der Zukunft."
    assert "Haddad" not in messages[1]
    assert "nichts" in messages[1]


def test_a_newer_call_with_the_same_key_supersedes_the_older(qtbot: QtBot) -> None:
    runner = Runner()
    results: list[str] = []

    def slow() -> str:
        time.sleep(0.2)
        return "alt"

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(slow, on_result=results.append, key="search")
        runner.run(lambda: "neu", on_result=results.append, key="search")
    assert results == ["neu"]


def test_progress_reaches_the_gui(qtbot: QtBot) -> None:
    runner = Runner()
    progress: list[tuple[int, int]] = []

    def work(report) -> str:  # type: ignore[no-untyped-def]
        for done in range(1, 4):
            report(done, 3)
        return "fertig"

    results: list[str] = []
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(work, on_result=results.append, on_progress=lambda d, t: progress.append((d, t)))
    qtbot.waitUntil(lambda: len(progress) == 3)
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert results == ["fertig"]


def test_cancelled_work_stops_at_its_next_progress_report_and_delivers_nothing(
    qtbot: QtBot,
) -> None:
    runner = Runner()
    started = threading.Event()
    steps: list[int] = []
    delivered: list[object] = []

    def work(report) -> str:  # type: ignore[no-untyped-def]
        for done in range(100):
            started.set()
            time.sleep(0.01)
            report(done, 100)
            steps.append(done)
        return "fertig"

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(
            work,
            on_result=delivered.append,
            on_error=delivered.append,
            key="import",
            on_progress=lambda d, t: None,
        )
        assert started.wait(2)
        runner.cancel("import")
    assert delivered == []
    assert len(steps) < 100


def test_the_synchronous_runner_delivers_at_once(qtbot: QtBot) -> None:
    runner = SyncRunner()
    results: list[int] = []
    errors: list[str] = []
    runner.run(lambda: 42, on_result=results.append)
    runner.run(lambda: 1 / 0, on_error=errors.append)
    assert results == [42]
    assert len(errors) == 1
