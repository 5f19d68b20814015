"""German sentences for sync results: a bundle's preview or import line, the export reminder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fsa_desk.i18n import _
from fsa_desk.services.sync_export import ExportReminder
from fsa_desk.services.sync_import import ALREADY, REJECTED, BundleResult


def when(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment else _("never")


def reminder_text(reminder: ExportReminder) -> str:
    if not reminder.due:
        return _("Last export: {when}.").format(when=when(reminder.last_export))
    if reminder.reason == "never":
        return _("Nothing was exported yet: please export a bundle for your lead.")
    if reminder.reason == "period":
        return _(
            "A billing period has ended since the last export ({when}): please export."
        ).format(when=when(reminder.last_export))
    return _("The last export was a week ago or more ({when}): please export.").format(
        when=when(reminder.last_export)
    )


def bundle_status(result: BundleResult) -> str:
    if result.status == REJECTED:
        return _("rejected")
    if result.status == ALREADY:
        return _("already imported")
    return _("will be applied") if result.status == "would_apply" else _("applied")


def bundle_row(result: BundleResult) -> list[str]:
    """One line of the preview table: file, sender, status and figures (or the reason)."""
    sender = result.counsellor_code or ""
    if result.sequence is not None:
        sender = f"{sender} #{result.sequence}"
    figures = [result.changes, result.created, result.updated, result.conflicts, result.duplicates]
    shown = [str(n) for n in figures] if result.status != REJECTED else [""] * len(figures)
    return [Path(result.file).name, sender, bundle_status(result), *shown, result.reason or ""]


def bundle_header() -> list[str]:
    return [
        _("File"),
        _("From"),
        _("Status"),
        _("Changes"),
        _("New records"),
        _("Updated records"),
        _("Parallel changes"),
        _("Possible duplicates"),
        _("Reason"),
    ]


BUNDLE_NUMBERS = frozenset(range(3, 8))  # the right-aligned columns of ``bundle_header``
