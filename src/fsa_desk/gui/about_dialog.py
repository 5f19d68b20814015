"""Hilfe → "Über fsa-desk": version, data folder, runtime versions and the bundled licences.

The libraries come from ``resources/licences.toml``; each claimed licence is checked against the
installed package metadata (which the frozen build carries too), and the dialog shows the licence
files the package ships, or the full text in ``resources/licences/`` where the licence asks for it.
"""

from __future__ import annotations

import platform
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fsa_desk import __version__
from fsa_desk.i18n import _
from fsa_desk.paths import resources_dir


@dataclass(frozen=True)
class Library:
    name: str
    licence: str
    distribution: str | None = None
    metadata: str | None = None  # text the package metadata must contain
    text: tuple[str, ...] = ()
    source: str | None = None
    note: str | None = None

    @property
    def version(self) -> str:
        if self.distribution is None:
            return platform.python_version() if self.name == "Python" else ""
        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return ""

    def verified(self) -> bool | None:
        """Whether the installed metadata states the licence; None: nothing to check against."""
        if self.distribution is None or self.metadata is None:
            return None
        return self.metadata in _metadata_licence(self.distribution)

    def licence_text(self) -> str:
        """What the dialog shows for this library: notes, the source, and the full texts."""
        parts = [f"{self.name} {self.version}".strip(), _("Licence: {licence}").format(
            licence=self.licence
        )]  # fmt: skip
        parts += [line for line in (self.note, self.source) if line]
        folder = resources_dir() / "licences"
        parts += [(folder / name).read_text(encoding="utf-8") for name in self.text]
        if not self.text and self.distribution:
            parts += [
                path.read_text(encoding="utf-8") for path in _licence_files(self.distribution)
            ]
        return "\n\n".join(parts)


def load_libraries(path: Path | None = None) -> list[Library]:
    data = tomllib.loads((path or resources_dir() / "licences.toml").read_text(encoding="utf-8"))
    return [Library(**{**entry, "text": tuple(entry.get("text", ()))}) for entry in data["library"]]


def _metadata_licence(distribution: str) -> str:
    """The licence as the metadata states it, or the licence files' beginnings."""
    try:
        info = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        return ""
    stated = [info.get("License-Expression") or "", info.get("License") or ""]
    stated += [path.read_text(encoding="utf-8")[:300] for path in _licence_files(distribution)]
    return "\n".join(stated)


def _licence_files(distribution: str) -> list[Path]:
    files = metadata.files(distribution) or []
    names = [f for f in files if any(w in f.name.upper() for w in ("LICEN", "COPYING"))]
    found = [Path(str(f.locate())) for f in names if "dist-info" in str(f)]
    return [path for path in found if path.is_file()]


def sqlcipher_version() -> str:
    import sqlcipher3.dbapi2 as sqlcipher

    connection = sqlcipher.connect(":memory:")
    try:
        return str(connection.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        connection.close()


class AboutDialog(QDialog):
    """Version, data folder, runtime versions and the licence of every bundled library."""

    def __init__(self, parent: QWidget | None = None, data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About fsa-desk"))
        self.resize(760, 620)
        self.libraries = load_libraries()
        self.summary = QLabel(self._summary_html(data_dir or _data_dir_of(parent)))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._build_table()
        self.text = QPlainTextEdit(readOnly=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.table, self.text, buttons):
            layout.addWidget(widget)
        self.table.currentCellChanged.connect(lambda row, *_ignored: self.show_licence(row))
        self.table.setCurrentCell(0, 0)

    def _summary_html(self, data_dir: Path | None) -> str:
        rows = [
            (_("Version"), __version__),
            (_("Data folder"), str(data_dir) if data_dir else _("not opened")),
            ("Python", platform.python_version()),
            ("Qt / PySide6", f"{qVersion()} / {PySide6.__version__}"),
            ("SQLCipher", sqlcipher_version()),
        ]
        cells = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        intro = _("Offline case documentation for migration social work (Dresden model).")
        return f"<h3>fsa-desk {__version__}</h3><p>{intro}</p><table>{cells}</table>"

    def _build_table(self) -> QTableWidget:
        headers = [_("Library"), _("Version"), _("Licence"), _("Checked")]
        table = QTableWidget(len(self.libraries), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        for row, library in enumerate(self.libraries):
            checked = {True: _("yes"), False: _("differs"), None: "–"}[library.verified()]
            for column, value in enumerate(
                (library.name, library.version, library.licence, checked)
            ):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        return table

    def show_licence(self, row: int) -> None:
        if 0 <= row < len(self.libraries):
            self.text.setPlainText(self.libraries[row].licence_text())


def _data_dir_of(parent: QWidget | None) -> Path | None:
    context = getattr(parent, "context", None)
    store = getattr(context, "store", None)
    data_dir = getattr(store, "data_dir", None)
    return getattr(data_dir, "root", None)
