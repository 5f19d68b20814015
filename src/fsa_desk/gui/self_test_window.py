"""The GUI step of ``fsa-desk --self-test``: build the main window on demo data, offscreen.

Run only where Qt can draw (a display, or ``QT_QPA_PLATFORM=offscreen``). With
``FSA_DESK_SELF_TEST_SCREENSHOT=FILE`` the window is saved as a PNG for a person to look at.
"""

from __future__ import annotations

import os
import sys

SCREENSHOT_VARIABLE = "FSA_DESK_SELF_TEST_SCREENSHOT"


def display_available() -> bool:
    """Whether a window can be created: offscreen, a Linux display, or Windows/macOS."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_main_window() -> None:
    """Create, show and grab the main window; raise when it does not come up."""
    from PySide6.QtWidgets import QApplication

    from fsa_desk.gui.app import create_application
    from fsa_desk.gui.context import AppContext
    from fsa_desk.gui.main_window import MainWindow
    from fsa_desk.services import session

    app = create_application()
    with session.demo_installation(households=3, months=2) as store:
        context = AppContext(store, demo=True)
        window = MainWindow(context)
        window.resize(1280, 800)
        window.show()
        for _round in range(20):
            QApplication.processEvents()
            context.runner.wait()
        image = window.grab()
        if image.isNull() or image.width() < 200:
            raise RuntimeError("the main window could not be drawn")
        if path := os.environ.get(SCREENSHOT_VARIABLE):
            image.save(path)
        _check_about_dialog(window)
        window.close()
        context.runner.wait()
    app.processEvents()


def _check_about_dialog(window: object) -> None:
    """The licences must be verifiable here too (a frozen build carries the package metadata)."""
    from fsa_desk.gui.about_dialog import AboutDialog

    dialog = AboutDialog(window)  # type: ignore[arg-type]
    unchecked = [lib.name for lib in dialog.libraries if lib.verified() is False]
    if unchecked:
        raise RuntimeError(f"licence metadata missing or different: {', '.join(unchecked)}")
    dialog.deleteLater()
