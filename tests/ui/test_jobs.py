"""The background executor: results arrive on the GUI thread; cancelled work never delivers."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop_app.ui.controllers.jobs import JobRunner


def test_result_is_delivered_on_the_gui_thread(qtbot):
    runner = JobRunner()
    seen = {}
    worker_threads = []

    def work(progress):
        worker_threads.append(threading.get_ident())
        progress.report(1, 2)
        return 42

    def done(result):
        seen["result"] = result
        seen["gui_thread"] = QThread.currentThread() is runner.thread()

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.submit("test", "test", work, done)
    assert seen == {"result": 42, "gui_thread": True}
    assert worker_threads[0] != threading.get_ident()


def test_cancelled_or_superseded_job_never_delivers(qtbot):
    runner = JobRunner()
    release = threading.Event()
    delivered = []

    def slow(progress):
        release.wait(5)
        return "stale"

    runner.submit("refresh", "first", slow, delivered.append)
    # A newer job of the same kind cancels the first one; its result must be dropped.
    runner.submit("refresh", "second", lambda progress: "fresh", delivered.append)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert delivered == ["fresh"]

    def cancellable(progress):
        release.clear()
        while not progress.cancelled:
            release.wait(0.01)
        progress.check()

    errors = []
    runner.submit("other", "other", cancellable, delivered.append, errors.append)
    runner.cancel("other")
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    assert delivered == ["fresh"] and errors == []


def test_errors_reach_the_error_callback(qtbot):
    runner = JobRunner()
    errors = []

    def broken(progress):
        raise ValueError("bad file")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.submit("x", "x", broken, lambda r: None, errors.append)
    assert isinstance(errors[0], ValueError)
