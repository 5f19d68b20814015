"""The Abrechnung as the Sozialamt's accounts department reads it: lines by Aktenzeichen, never a
client's name; optionally the Leistungsnachweis (dates, minutes, contact types — no content).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fsa_desk.domain.budget import hours_text
from fsa_desk.forms.layout import (
    FormDocument,
    Note,
    Section,
    Signatures,
    Table,
    render_pdf,
    render_text,
)
from fsa_desk.i18n import _


@dataclass(frozen=True)
class Line:
    aktenzeichen: str
    period_from: date
    period_to: date
    approved: Decimal
    hours_period: Decimal
    hours_cumulative: Decimal
    hours_remaining: Decimal
    amount: Decimal
    nachberechnung: bool = False


@dataclass(frozen=True)
class Evidence:
    """One consultation in the Leistungsnachweis."""

    aktenzeichen: str
    day: date
    minutes: int
    billed_minutes: int
    contact_type: str  # label


@dataclass(frozen=True)
class AbrechnungForm:
    provider: str | None
    period_label: str
    invoice_number: str | None
    status: str  # label
    draft: bool  # an open period: printed "Entwurf"
    lines: tuple[Line, ...]
    evidence: tuple[Evidence, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def total_hours(self) -> Decimal:
        return sum((line.hours_period for line in self.lines), Decimal(0))


def euro(amount: Decimal) -> str:
    text = f"{amount.quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + " €"


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def document(form: AbrechnungForm) -> FormDocument:
    rows = tuple(
        (
            line.aktenzeichen + (" " + _("(Nachberechnung)") if line.nachberechnung else ""),
            f"{_day(line.period_from)} – {_day(line.period_to)}",
            hours_text(line.approved),
            hours_text(line.hours_period),
            hours_text(line.hours_cumulative),
            hours_text(line.hours_remaining),
            euro(line.amount),
        )
        for line in form.lines
    )
    sections = [
        Section(
            _("Fachleistungsstunden by Bewilligung"),
            (
                Table(
                    (
                        _("Aktenzeichen"),
                        _("Approved period"),
                        _("Approved"),
                        _("This period"),
                        _("Cumulative"),
                        _("Remaining"),
                        _("Amount"),
                    ),
                    rows,
                    total=(
                        _("Total"),
                        "",
                        "",
                        hours_text(form.total_hours),
                        "",
                        "",
                        euro(form.total),
                    ),
                    widths=(0.18, 0.235, 0.1, 0.11, 0.12, 0.09, 0.165),
                    empty=_("no billable hours in this period"),
                ),
                Note(
                    _(
                        "Hours in hours and hundredths; each contact rounded up to the Takt of the "
                        "Leistungsvertrag; billed at most up to the approved hours."
                    )
                ),
                Signatures(((_("Signature and stamp of the provider"), None),)),
            ),
        )
    ]
    if form.evidence:
        sections.append(_evidence(form))
    return FormDocument(
        title=_("Abrechnung Fachleistung – Migrationssozialarbeit Dresden"),
        subtitle=_("Billing period {period}").format(period=form.period_label),
        sections=tuple(sections),
        provider=form.provider,
        household_ref=None,  # lines carry the Aktenzeichen, never a household
        status_mark=_("Draft") if form.draft else None,
        facts=(
            (_("Provider"), form.provider or _("not stated")),
            (_("Invoice number"), form.invoice_number or _("not yet assigned")),
            (_("Status"), form.status),
        ),
    )


def _evidence(form: AbrechnungForm) -> Section:
    rows = tuple(
        (e.aktenzeichen, _day(e.day), str(e.minutes), str(e.billed_minutes), e.contact_type)
        for e in form.evidence
    )
    return Section(
        _("Annex: Leistungsnachweis"),
        (
            Table(
                (
                    _("Aktenzeichen"),
                    _("Date"),
                    _("Minutes"),
                    _("Billed minutes"),
                    _("Contact type"),
                ),
                rows,
                widths=(0.25, 0.17, 0.14, 0.18, 0.26),
            ),
        ),
    )


def pdf(form: AbrechnungForm) -> bytes:
    return render_pdf(document(form))


def text(form: AbrechnungForm) -> str:
    return render_text(document(form))
