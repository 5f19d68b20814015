"""The file dialogs of the "Austausch" page: the one edge the tests replace (STYLE.md: mocks
only at the edges)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from fsa_desk.i18n import _


def bundle_filter() -> str:
    return _("fsa-desk bundles (*.fsabundle)")


def card_filter() -> str:
    return _("fsa-desk device cards (*.card *.json)")


def team_filter() -> str:
    return _("fsa-desk team files (*.json);;All files (*)")


def choose_open_files(parent: QWidget, title: str, pattern: str) -> list[Path]:
    files, _filter = QFileDialog.getOpenFileNames(parent, title, "", pattern)
    return [Path(file) for file in files]


def choose_open_file(parent: QWidget, title: str, pattern: str) -> Path | None:
    file, _filter = QFileDialog.getOpenFileName(parent, title, "", pattern)
    return Path(file) if file else None


def choose_save_file(parent: QWidget, title: str, suggested: str) -> Path | None:
    file, _filter = QFileDialog.getSaveFileName(parent, title, suggested)
    return Path(file) if file else None
