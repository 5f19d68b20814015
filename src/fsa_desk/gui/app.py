"""The Qt application: a main window over the services (the counsellor workspace follows)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from fsa_desk.i18n import _
from fsa_desk.services.overview import overview


class MainWindow(QMainWindow):
    def __init__(self, store, demo: bool) -> None:
        super().__init__()
        summary = overview(store)
        title = f"fsa-desk – {summary.installation.name}"
        self.setWindowTitle(f"{title} – DEMO" if demo else title)
        text = _(
            "{households} households, {persons} persons, {consultations} consultations"
        ).format(
            households=summary.households,
            persons=summary.persons,
            consultations=summary.consultations,
        )
        self.summary_label = QLabel(text)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.summary_label.setFont(font)
        self.setCentralWidget(self.summary_label)
        self.resize(1000, 700)


def run_application(store, demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(store, demo)
    window.show()
    return app.exec()
