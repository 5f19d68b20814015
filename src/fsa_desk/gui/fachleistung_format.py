"""How the Fachleistung screens word their data, and how they save a PDF.

Plain functions, so the panel and every dialog label statuses alike and tests can read the
texts. Saving asks for a path (tests replace ``choose_save_path``), makes the file on the
database worker and may open it in the system viewer for printing; no temporary copy is ever
written (DESIGN.md §10).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QWidget

from fsa_desk.errors import UsageError
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_format import day, hours, label, number, period
from fsa_desk.gui.vereinbarung_dialog import open_in_viewer
from fsa_desk.i18n import _

__all__ = ["day", "hours", "label", "number", "period"]

ERROR_STYLE = "color: #b3261e; font-weight: bold;"
WARNING_STYLE = "color: #8a4b00;"
NOTE_STYLE = "color: #555555;"


def anzeige_status(status: str) -> str:
    labels = {
        "entwurf": _("draft"),
        "unterschrieben": _("signed"),
        "angezeigt": _("sent to the Sozialamt"),
        "rueckfrage": _("query from the Sozialamt"),
        "bewilligt": _("approved"),
        "teilweise_bewilligt": _("partly approved"),
        "abgelehnt": _("refused"),
        "zurueckgezogen": _("withdrawn"),
        "ersetzt": _("replaced by a new version"),
    }
    return labels.get(status, status)


def case_status(status: str) -> str:
    labels = {
        "vorbereitung": _("being prepared"),
        "angezeigt": _("sent to the Sozialamt"),
        "rueckfrage": _("query from the Sozialamt"),
        "laufend": _("running"),
        "abgelehnt": _("refused"),
        "zurueckgezogen": _("withdrawn"),
        "abgeschlossen": _("closed"),
    }
    return labels.get(status, status)


def bewilligung_status(status: str) -> str:
    labels = {
        "laufend": _("running"),
        "ausgelaufen": _("ended"),
        "vorzeitig_beendet": _("ended early"),
    }
    return labels.get(status, status)


def kind_label(kind: str) -> str:
    """A Bedarfsanzeige's kind (Erstanzeige, Verlängerung, Aufstockung)."""
    return label("bedarfsanzeige_kinds", kind)


def hours_value(value: Decimal | None) -> str:
    return number(value) if value is not None else ""


def error_label(parent: QWidget | None = None) -> QLabel:
    message = QLabel(parent)
    message.setWordWrap(True)
    message.setStyleSheet(ERROR_STYLE)
    return message


def today_or(clock: Callable[[], date] | None) -> date:
    return clock() if clock is not None else date.today()


# --- saving a PDF -----------------------------------------------------------------------------


def choose_save_path(parent: QWidget, title: str, suggested: str, kind: str = "pdf") -> Path | None:
    """Ask where to save; None when the counsellor cancels. (Tests replace this.)"""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    filters = {
        "pdf": _("PDF documents (*.pdf)"),
        "csv": _("CSV files (*.csv)"),
        "xlsx": _("Excel workbooks (*.xlsx)"),
    }
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path(folder or Path.home()) / suggested), filters[kind]
    )
    if not path:
        return None
    suffix = f".{kind}"
    return Path(path) if path.lower().endswith(suffix) else Path(path + suffix)


def write_file(path: Path, data: bytes) -> Path:
    """Write on the worker; a full disk or a locked file is one German sentence."""
    try:
        path.write_bytes(data)
    except OSError as error:
        raise UsageError(
            _("The file {path} could not be saved: {reason}").format(
                path=path, reason=error.strerror or type(error).__name__
            )
        ) from None
    return path


def save_document(
    context: AppContext,
    parent: QWidget,
    title: str,
    suggested: str,
    make: Callable[[], bytes],
    *,
    open_after: bool,
    on_error: Callable[[str], None],
    kind: str = "pdf",
) -> None:
    """Ask for a path, make the document on the worker, save it, maybe open it to print."""
    path = choose_save_path(parent, title, suggested, kind)
    if path is None:
        return

    def saved(written: Path) -> None:
        context.status_message.emit(_("Saved: {path}").format(path=written))
        if open_after and not open_in_viewer(written):
            on_error(
                _("The PDF was saved as {path}, but no PDF viewer could be opened.").format(
                    path=written
                )
            )

    context.runner.run(lambda: write_file(path, make()), on_result=saved, on_error=on_error)


def safe_name(text: str) -> str:
    """A file-name part from a household reference or Aktenzeichen."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in text).strip("_")
    return cleaned or "Fachleistung"


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item whose data equals ``value`` (by value: ``findData`` compares UUIDs by
    identity); the first item if none does."""
    found = next((i for i in range(combo.count()) if combo.itemData(i) == value), 0)
    combo.setCurrentIndex(found)
