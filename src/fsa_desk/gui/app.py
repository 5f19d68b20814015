"""Starting the desktop application: language, Qt, first run or unlock, then the main window.

With ``FSA_DESK_QUIT_WHEN_READY`` set, the application prints ``READY_LINE`` and quits as soon as
the main window is shown and its pages have loaded their data — the start-time benchmark measures
from process start to that line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fsa_desk.errors import EXIT_OK, FsaDeskError, WrongPassphrase
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.main_window import MainWindow, import_start_page
from fsa_desk.gui.worker import Runner
from fsa_desk.i18n import language, set_language
from fsa_desk.services import access, session
from fsa_desk.services.access import OpeningInBackground
from fsa_desk.store.store import Store

QUIT_WHEN_READY_VARIABLE = "FSA_DESK_QUIT_WHEN_READY"
READY_LINE = "fsa-desk: main window ready"
LANGUAGE_VARIABLE = "FSA_DESK_LANG"
_translators: list[QTranslator] = []  # Qt keeps a pointer only: they must stay alive


def run_gui(
    data_dir: Path | None,
    *,
    passphrase: str | OpeningInBackground | None = None,
    demo: bool = False,
    language_choice: str | None = None,
) -> int:
    """The whole GUI session; returns the exit code. ``data_dir`` is ignored for the demo.

    ``passphrase`` comes from the environment; an ``OpeningInBackground`` started with it
    before Qt was imported saves the key derivation time.
    """
    app = create_application(language_choice)
    try:
        if demo:
            with session.demo_installation() as store:
                return show_main_window(app, store, demo=True)
        assert data_dir is not None
        if isinstance(passphrase, OpeningInBackground):
            import_start_page()  # while the key is derived
        store = obtain_store(data_dir, passphrase)
        if store is None:
            return EXIT_OK
        with store:
            return show_main_window(app, store)
    except FsaDeskError as error:  # e.g. already running, database too new: say it in a window
        QMessageBox.critical(None, "fsa-desk", str(error))
        return error.exit_code


def create_application(language_choice: str | None = None) -> QApplication:
    """The QApplication in the user's language, with Qt's own texts (standard buttons) too."""
    set_language(os.environ.get(LANGUAGE_VARIABLE) or language_choice or "de")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("fsa-desk")
    if language() == "de":
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_de", folder):
            app.installTranslator(translator)
            _translators.append(translator)
    return app


def obtain_store(data_dir: Path, passphrase: str | OpeningInBackground | None) -> Store | None:
    """First run, the passphrase from the environment, or the unlock dialog; None = cancelled."""
    if isinstance(passphrase, OpeningInBackground):
        opening = passphrase
    elif passphrase is not None and access.installation_exists(data_dir):
        opening = OpeningInBackground(data_dir, passphrase)
    elif not access.installation_exists(data_dir):
        return _first_run(data_dir)
    else:
        return _ask_passphrase(data_dir, None)
    try:
        return opening.result()
    except WrongPassphrase as wrong:  # then ask: the variable may be outdated
        return _ask_passphrase(data_dir, str(wrong))


def _first_run(data_dir: Path) -> Store | None:
    from fsa_desk.gui.first_run import FirstRunDialog

    dialog = FirstRunDialog(data_dir, Runner())
    return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None


def _ask_passphrase(data_dir: Path, message: str | None) -> Store | None:
    from fsa_desk.gui.unlock import UnlockDialog

    dialog = UnlockDialog(data_dir, Runner(), message=message)
    return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_main_window(app: QApplication, store: Store, *, demo: bool = False) -> int:
    context = AppContext(store, demo=demo)
    window = MainWindow(context)
    window.show()
    if os.environ.get(QUIT_WHEN_READY_VARIABLE):
        quit_when_ready(app, context.runner)
    code = app.exec()
    context.runner.wait()
    return code


def quit_when_ready(app: QApplication, runner: Runner) -> None:
    """Quit once the event loop ran with no background work left (every page has its data)."""

    def quit_if_idle() -> None:
        if not runner.busy:
            print(READY_LINE, flush=True)
            app.quit()

    def check() -> None:
        if not runner.busy:
            QTimer.singleShot(0, quit_if_idle)

    runner.busy_changed.connect(lambda busy: None if busy else check())
    QTimer.singleShot(0, check)
