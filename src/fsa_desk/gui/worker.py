"""Work off the GUI thread (DESIGN.md §4): one database worker runs store work serially, results
come back as signals in the GUI thread, errors as a German sentence instead of a traceback.

    runner.run(lambda: search(store, text), on_result=self._show_hits)

A later call with the same ``key`` supersedes an earlier one still running: only the newest
result is delivered (search-as-you-type never shows an older query's hits).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fsa_desk.errors import FsaDeskError
from fsa_desk.i18n import _

log = logging.getLogger(__name__)


def user_message(error: BaseException) -> str:
    """The sentence a counsellor sees: our own errors carry one; anything else gets a generic
    one (the details go to the log without client data: the type name only)."""
    if isinstance(error, FsaDeskError):
        return str(error)
    log.error("unexpected error in background work: %s", type(error).__name__)
    return _("Something went wrong; nothing was changed. Please try again or tell your IT.")


class Cancelled(Exception):
    """Raised inside long work by its progress callback once the user cancelled it."""


class _Signals(QObject):
    result = Signal(object)
    error = Signal(object)
    progress = Signal(int, int)  # done, total


class _Job(QRunnable):
    def __init__(self, function: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.function = function
        self.with_progress = with_progress
        self.signals = _Signals()
        self.cancelled = False

    def report(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            if self.cancelled:
                raise Cancelled
            value = self.function(self.report) if self.with_progress else self.function()
        except BaseException as error:  # delivered to the GUI thread
            self.signals.error.emit(error)
        else:
            self.signals.result.emit(value)


class Runner(QObject):
    """Runs callables one after another on one worker thread; counts what is running for a busy
    indicator. Store work is serial, so a write never waits on a lock held by another worker."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._latest: dict[str, _Job] = {}
        self._running: set[_Job] = set()

    def run(
        self,
        function: Callable[[], Any],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        *,
        key: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Run ``function`` off the GUI thread; ``on_result``/``on_error`` run in the GUI thread.

        With ``on_progress``, ``function`` is called with one argument: a ``report(done, total)``
        callable it may call from the worker thread; after ``cancel(key)`` that call raises
        ``Cancelled`` (the function's transaction rolls back) and nothing is delivered.
        """
        job = _Job(function, with_progress=on_progress is not None)
        if key is not None:
            self._latest[key] = job

        def current() -> bool:
            return key is None or self._latest.get(key) is job

        def finished() -> None:
            self._running.discard(job)
            if key is not None and self._latest.get(key) is job:
                del self._latest[key]
            if not self._running:
                self.busy_changed.emit(False)

        def deliver(value: object) -> None:
            is_current = current()
            finished()
            if is_current and on_result is not None:
                on_result(value)

        def fail(error: BaseException) -> None:
            is_current = current() and not isinstance(error, Cancelled)
            finished()
            if is_current:
                message = user_message(error)
                if on_error is not None:
                    on_error(message)
                else:
                    self.unhandled_error.emit(message)

        job.signals.result.connect(deliver)
        job.signals.error.connect(fail)
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        if not self._running:
            self.busy_changed.emit(True)
        self._running.add(job)
        self.pool.start(job)

    unhandled_error = Signal(str)

    def cancel(self, key: str) -> None:
        """Stop the job started with ``key`` at its next progress report; drop its result."""
        job = self._latest.pop(key, None)
        if job is not None:
            job.cancelled = True

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until every job is done (tests, closing the window)."""
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)


class SyncRunner(Runner):
    """Runs everything at once in the calling thread: for tests of views that are not about
    threading (DESIGN.md §4). Same interface, same error sentences."""

    def run(
        self,
        function: Callable[..., Any],
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        *,
        key: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        try:
            value = function(on_progress) if on_progress is not None else function()
        except Exception as error:
            message = user_message(error)
            if on_error is not None:
                on_error(message)
            else:
                self.unhandled_error.emit(message)
        else:
            if on_result is not None:
                on_result(value)
