"""The band at the top of the household view: who this is, where the case stands, what to do.

Reference, current members, status, module, Bezugsberater:in and Vertretung, and — for a
Fachleistung household — the hour budget as a bar with its warnings.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.budget import WARN_USED_100
from fsa_desk.gui.household_format import (
    budget_summary,
    budget_warning_texts,
    day,
    label,
    status_text,
)
from fsa_desk.i18n import _
from fsa_desk.services.household_budget import Budget
from fsa_desk.services.household_view import CounsellorPeriod, Header, HouseholdDetail

_CHIP = {
    "aktiv": ("#e3f1e3", "#1b5e20"),
    "ruhend": ("#fff3cd", "#664d00"),
    "abgeschlossen": ("#e6e6e6", "#333333"),
}
_BAR = {"ok": "#2e7d32", "warning": "#b26a00", "over": "#b00020"}


class HouseholdHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ref = QLabel()
        font = self.ref.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.ref.setFont(font)
        self.status = QLabel()
        self.names = QLabel()
        self.names.setWordWrap(True)
        names_font = self.names.font()
        names_font.setPointSizeF(names_font.pointSizeF() * 1.15)
        self.names.setFont(names_font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.new_contact = QPushButton(_("&New contact…"))
        self.change_status = QPushButton(_("Change &status…"))
        self._budget_row = QWidget()
        self.budget_bar = QProgressBar()
        self.budget_bar.setRange(0, 1000)
        self.budget_bar.setTextVisible(False)
        self.budget_bar.setFixedWidth(220)
        self.budget_text = QLabel()
        self.budget_text.setWordWrap(True)
        self.budget_warnings = QLabel()
        self.budget_warnings.setWordWrap(True)
        self._arrange()

    def _arrange(self) -> None:
        title = QHBoxLayout()
        title.addWidget(self.ref)
        title.addSpacing(12)
        title.addWidget(self.status)
        title.addStretch(1)
        title.addWidget(self.new_contact)
        title.addWidget(self.change_status)
        budget = QHBoxLayout(self._budget_row)
        budget.setContentsMargins(0, 0, 0, 0)
        budget.addWidget(self.budget_bar)
        budget.addWidget(self.budget_text, 1)
        self.budget_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(title)
        grid = QGridLayout()
        grid.addWidget(self.names, 0, 0)
        grid.addWidget(self.facts, 1, 0)
        layout.addLayout(grid)
        layout.addWidget(self._budget_row)
        layout.addWidget(self.budget_warnings)

    def show_detail(self, detail: HouseholdDetail) -> None:
        header = detail.header
        self.ref.setText(header.household_ref)
        self._show_status(header)
        self.names.setText(", ".join(header.names) or _("no current members"))
        self.facts.setText(_facts(header, detail))
        self._show_budget(detail.fachleistung.budget)

    def _show_status(self, header: Header) -> None:
        background, foreground = _CHIP.get(header.status.status, _CHIP["abgeschlossen"])
        self.status.setText(status_text(header.status))
        self.status.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 4px;"
            " padding: 2px 8px; font-weight: bold;"
        )

    def _show_budget(self, budget: Budget | None) -> None:
        self._budget_row.setVisible(budget is not None)
        self.budget_warnings.setVisible(bool(budget and budget.warnings))
        if budget is None:
            return
        share = budget.approval.used_hours / budget.approval.approved_hours
        self.budget_bar.setValue(int(min(share, 1) * 1000))
        tone = (
            "over" if WARN_USED_100 in budget.warnings else "warning" if budget.warnings else "ok"
        )
        self.budget_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {_BAR[tone]}; }}")
        prefix = _("Fachleistung {number}:").format(number=budget.approval.aktenzeichen)
        if not budget.running:
            prefix = _("Last Bewilligung {number} (ended):").format(
                number=budget.approval.aktenzeichen
            )
        self.budget_text.setText(f"{prefix} {budget_summary(budget)}")
        self.budget_bar.setAccessibleName(self.budget_text.text())
        self.budget_warnings.setText(" ".join(budget_warning_texts(budget)))
        colour = _BAR["over"] if tone == "over" else _BAR["warning"]
        self.budget_warnings.setStyleSheet(f"color: {colour};")


def _facts(header: Header, detail: HouseholdDetail) -> str:
    parts = [_("Module: {module}").format(module=label("modules", header.module))]
    if header.counsellor:
        parts.append(_("Bezugsberater:in: {name}").format(name=header.counsellor))
    today = detail.today
    for cover in header.vertretung:
        parts.append(_("Vertretung: {name}").format(name=cover.name) + _cover_period(cover, today))
    if detail.last_direct_contact is not None:
        parts.append(_("last direct contact {day}").format(day=day(detail.last_direct_contact)))
    return "  ·  ".join(parts)


def _cover_period(cover: CounsellorPeriod, today: date) -> str:
    if not cover.covers(today):
        return " " + _("(from {day})").format(day=day(cover.valid_from))
    if cover.valid_to is not None:
        return " " + _("(until {day})").format(day=day(cover.valid_to))
    return ""
