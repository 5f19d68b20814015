"""The Abrechnung: billable Fachleistungsstunden per billing period, by Aktenzeichen, in €.

Per Bewilligung the billable consultations (each rounded up to the Takt of its day's billing
rule) are billed in date order up to the approved hours; each minute at the Stundensatz of its
day, so a rate change inside the period is honoured. Status: ``offen`` → ``geprueft`` →
``eingereicht`` → (``beanstandet`` → ``geprueft``) → ``gesperrt``. A locked period never changes:
hours that become billable in it later (a backdated Bewilligung) are billed in the next Abrechnung
as *Nachberechnung* lines.

On a counsellor's installation only their own hours count (``form abrechnung`` works anywhere).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain import billing
from fsa_desk.domain.billing import BillableMinutes, BillingPeriod, RuleHistory
from fsa_desk.domain.codes import code_list
from fsa_desk.errors import InputRejected, UsageError
from fsa_desk.forms import abrechnung as form
from fsa_desk.i18n import _, language
from fsa_desk.services import billing_rules
from fsa_desk.services.fachleistung_case import consent_problem
from fsa_desk.services.records import live
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    Abrechnung,
    AbrechnungLine,
    Bedarfsanzeige,
    Bewilligung,
    Consent,
    Consultation,
)
from fsa_desk.store.store import Store

STATUSES = ("offen", "geprueft", "eingereicht", "beanstandet", "gesperrt")
_NEXT = {
    "offen": ("geprueft",),
    "geprueft": ("offen", "eingereicht"),
    "eingereicht": ("beanstandet", "gesperrt"),
    "beanstandet": ("geprueft",),
    "gesperrt": (),
}
_BILLED = ("eingereicht", "gesperrt")


def parse_period(text: str) -> BillingPeriod:
    period = BillingPeriod.parse(text)
    if period is None:
        raise UsageError(
            _("'{text}' is not a billing period; write YYYY-MM or YYYY-Qn, e.g. 2025-03.").format(
                text=text
            )
        )
    return period


@dataclass(frozen=True)
class _Consultation:
    id: uuid.UUID
    bewilligung_id: uuid.UUID
    day: date
    minutes: int
    contact_type: str
    item: BillableMinutes


def _consultations(
    session: Session, counsellor_id: uuid.UUID | None, until: date, rules: RuleHistory
) -> dict[uuid.UUID, list[_Consultation]]:
    query = select(Consultation).where(
        Consultation.billable.is_(True),
        Consultation.bewilligung_id.is_not(None),
        Consultation.deleted_hlc.is_(None),
        Consultation.date <= until,
    )
    if counsellor_id is not None:
        query = query.where(Consultation.counsellor_id == counsellor_id)
    found: dict[uuid.UUID, list[_Consultation]] = defaultdict(list)
    for row in session.scalars(query.order_by(Consultation.date, Consultation.created_hlc)):
        assert row.bewilligung_id is not None
        rule = rules.on(row.date)
        minutes = billing.billable_minutes(row.duration_minutes, row.travel_minutes, rule)
        item = BillableMinutes(row.date, minutes, rule.hourly_rate)
        found[row.bewilligung_id].append(
            _Consultation(
                row.id, row.bewilligung_id, row.date, row.duration_minutes, row.contact_type, item
            )
        )
    return found


@dataclass(frozen=True)
class Computed:
    lines: tuple[form.Line, ...]
    evidence: tuple[form.Evidence, ...]
    line_ids: tuple[uuid.UUID, ...]  # the Bewilligung of each line


def compute(
    session: Session,
    period: BillingPeriod,
    *,
    counsellor_id: uuid.UUID | None = None,
    exclude: uuid.UUID | None = None,
) -> Computed:
    """The lines of ``period`` as the data stand, with Nachberechnung for earlier billed periods."""
    rules = billing_rules.history(session)
    by_approval = _consultations(session, counsellor_id, period.last, rules)
    approvals = {
        row.id: row
        for row in session.scalars(select(Bewilligung).where(Bewilligung.id.in_(list(by_approval))))
    }
    billed = _billed_minutes(session, exclude)
    lines, evidence, ids = [], [], []
    for approval_id in sorted(by_approval, key=lambda i: approvals[i].aktenzeichen):
        approval = approvals[approval_id]
        consultations = by_approval[approval_id]
        capped = billing.cap(
            [c.item for c in consultations], int(Decimal(approval.approved_hours) * 60)
        )
        pairs = list(zip(sorted(consultations, key=lambda c: c.day), capped, strict=True))
        earlier = [item for c, item in pairs if c.day < period.first]
        inside = [item for c, item in pairs if period.covers(c.day)]
        nachberechnung = _nachberechnung(earlier, billed, billed.minutes.get(approval_id, 0))
        cumulative = billing.minutes_total(capped)
        remaining = max(int(Decimal(approval.approved_hours) * 60) - cumulative, 0)
        if nachberechnung:
            lines.append(_line(approval, nachberechnung, cumulative, remaining, True))
            ids.append(approval_id)
        if billing.minutes_total(inside):
            lines.append(_line(approval, inside, cumulative, remaining, False))
            ids.append(approval_id)
        evidence += [_evidence(approval, c, item) for c, item in pairs if period.covers(c.day)]
    return Computed(tuple(lines), tuple(evidence), tuple(ids))


def _line(
    approval: Bewilligung, items: list[BillableMinutes], cumulative: int, remaining: int, late: bool
) -> form.Line:
    return form.Line(
        aktenzeichen=approval.aktenzeichen,
        period_from=approval.period_from,
        period_to=approval.period_to,
        approved=Decimal(approval.approved_hours),
        hours_period=billing.hours(billing.minutes_total(items)),
        hours_cumulative=billing.hours(cumulative),
        hours_remaining=billing.hours(remaining),
        amount=billing.amount(items),
        nachberechnung=late,
    )


def _evidence(
    approval: Bewilligung, consultation: _Consultation, item: BillableMinutes
) -> form.Evidence:
    label = code_list("contact_types").label(consultation.contact_type, language())
    return form.Evidence(
        approval.aktenzeichen, consultation.day, consultation.minutes, item.minutes, label
    )


@dataclass(frozen=True)
class _Billed:
    """The periods already billed (submitted or locked) and the minutes billed per Bewilligung."""

    periods: tuple[tuple[date, date], ...]
    minutes: dict[uuid.UUID, int]


def _billed_minutes(session: Session, exclude: uuid.UUID | None) -> _Billed:
    rows = session.scalars(
        select(Abrechnung).where(Abrechnung.status.in_(_BILLED), Abrechnung.deleted_hlc.is_(None))
    ).all()
    rows = [row for row in rows if row.id != exclude]
    minutes: dict[uuid.UUID, int] = defaultdict(int)
    for start in range(0, len(rows), 500):
        lines = session.scalars(
            select(AbrechnungLine).where(
                AbrechnungLine.abrechnung_id.in_([row.id for row in rows[start : start + 500]]),
                AbrechnungLine.deleted_hlc.is_(None),
            )
        )
        for line in lines:
            minutes[line.bewilligung_id] += int(Decimal(line.hours_period) * 60)
    return _Billed(tuple((row.period_from, row.period_to) for row in rows), minutes)


def _nachberechnung(
    earlier: list[BillableMinutes], billed: _Billed, already: int
) -> list[BillableMinutes]:
    """Billable minutes of already billed periods beyond what those Abrechnungen billed."""
    inside = [i for i in earlier if any(first <= i.day <= last for first, last in billed.periods)]
    missing = billing.minutes_total(inside) - already
    late: list[BillableMinutes] = []
    for item in reversed(inside):  # the latest minutes are the ones not yet billed
        take = min(item.minutes, missing - billing.minutes_total(late))
        if take <= 0:
            break
        late.append(BillableMinutes(item.day, take, item.rate))
    return late


# --- stored Abrechnungen ----------------------------------------------------------------------


@dataclass(frozen=True)
class AbrechnungView:
    id: uuid.UUID
    period: BillingPeriod
    provider: str
    invoice_number: str | None
    status: str
    corrects_id: uuid.UUID | None
    lines: tuple[form.Line, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def create(store: Store, period: BillingPeriod, invoice_number: str | None = None) -> uuid.UUID:
    """A new Abrechnung (``offen``) with the lines of the period as the data stand."""
    with store.transaction() as session:
        existing = _for_period(session, period)
        if existing:
            raise InputRejected(
                _("An Abrechnung for {period} exists already; correct it instead.").format(
                    period=period.label()
                )
            )
        row = Abrechnung(
            provider=store.installation_provider() or "",
            period_from=period.first,
            period_to=period.last,
            invoice_number=(invoice_number or "").strip() or None,
            status="offen",
        )
        session.add(row)
        session.flush()
        _write_lines(session, row, _own(store))
        return row.id


def _own(store: Store) -> uuid.UUID | None:
    """On a counsellor's installation only their own hours; a lead bills the team."""
    installation = store.installation
    if installation is None or installation.role == "lead":
        return None
    return installation.counsellor_id


def _for_period(session: Session, period: BillingPeriod) -> list[Abrechnung]:
    return list(
        session.scalars(
            select(Abrechnung).where(
                Abrechnung.period_from == period.first,
                Abrechnung.period_to == period.last,
                Abrechnung.deleted_hlc.is_(None),
                Abrechnung.corrects_id.is_(None),
            )
        )
    )


def _write_lines(session: Session, row: Abrechnung, counsellor_id: uuid.UUID | None) -> None:
    for old in session.scalars(
        select(AbrechnungLine).where(
            AbrechnungLine.abrechnung_id == row.id, AbrechnungLine.deleted_hlc.is_(None)
        )
    ):
        tombstone(old)
    period = BillingPeriod(row.period_from, row.period_to)
    computed = compute(session, period, counsellor_id=counsellor_id, exclude=row.id)
    for approval_id, line in zip(computed.line_ids, computed.lines, strict=True):
        session.add(
            AbrechnungLine(
                abrechnung_id=row.id,
                bewilligung_id=approval_id,
                aktenzeichen=line.aktenzeichen,
                hours_period=line.hours_period,
                hours_cumulative=line.hours_cumulative,
                hours_remaining=line.hours_remaining,
                amount=line.amount,
                is_nachberechnung=line.nachberechnung,
            )
        )


def recompute(store: Store, abrechnung_id: uuid.UUID) -> None:
    """Take the lines anew from the data: only while ``offen`` or ``beanstandet``."""
    with store.transaction() as session:
        row = _load(session, abrechnung_id)
        if row.status not in ("offen", "beanstandet"):
            raise InputRejected(_("Only an open or contested Abrechnung can be recomputed."))
        _write_lines(session, row, _own(store))


def set_status(
    store: Store,
    abrechnung_id: uuid.UUID,
    status: str,
    *,
    invoice_number: str | None = None,
    today: date | None = None,
) -> None:
    """Move along ``offen → geprüft → eingereicht → (beanstandet →) gesperrt``."""
    with store.transaction() as session:
        row = _load(session, abrechnung_id)
        if status not in _NEXT.get(row.status, ()):
            raise InputRejected(
                _("An Abrechnung cannot go from '{old}' to '{new}'.").format(
                    old=row.status, new=status
                )
            )
        if invoice_number is not None:
            row.invoice_number = invoice_number.strip() or None
        if status == "eingereicht" and not row.invoice_number:
            raise InputRejected(
                _("Submitting an Abrechnung needs its invoice number (Rechnungsnummer).")
            )
        if status == "gesperrt":
            problems = lock_problems(session, row, today or date.today())
            if problems:
                raise InputRejected(" ".join(problems))
        row.status = status


def lock_problems(session: Session, row: Abrechnung, today: date) -> list[str]:
    """What stands against locking: the period must have ended; at a team lead every enrolled
    counsellor must have exported since its end and no parallel change may wait for a decision
    (otherwise hours of the period may still be missing or disputed); no billable hour may lack
    the client's consent."""
    from fsa_desk.services import conflicts, team

    problems = []
    if row.period_to >= today:
        problems.append(_("The billing period has not ended yet."))
    period_over = datetime.combine(row.period_to + timedelta(days=1), datetime.min.time())
    late = team.not_exported_since(session, period_over)
    if late:
        problems.append(
            _("Not every counsellor has exported since the period ended: {codes}.").format(
                codes=", ".join(late)
            )
        )
    waiting = conflicts.count_open_in(session)
    if waiting:
        problems.append(
            _("{count} parallel changes wait for a decision (Austausch).").format(count=waiting)
        )
    without = _hours_without_consent(session, row)
    if without:
        problems.append(
            _(
                "{count} billable consultations lack a valid Schweigepflichtentbindung: {refs}."
            ).format(count=len(without), refs=", ".join(sorted(set(without))))
        )
    return problems


def _hours_without_consent(session: Session, row: Abrechnung) -> list[str]:
    query = (
        select(Consultation.date, Bewilligung.aktenzeichen, Consent)
        .join(Bewilligung, Bewilligung.id == Consultation.bewilligung_id)
        .outerjoin(Bedarfsanzeige, Bedarfsanzeige.id == Bewilligung.bedarfsanzeige_id)
        .outerjoin(Consent, Consent.id == Bedarfsanzeige.consent_id)
        .where(
            Consultation.billable.is_(True),
            Consultation.deleted_hlc.is_(None),
            Consultation.date >= row.period_from,
            Consultation.date <= row.period_to,
        )
    )
    return [
        reference
        for day, reference, consent in session.execute(query)
        if consent is not None and consent_problem(consent, day) is not None
    ]


def correct(store: Store, abrechnung_id: uuid.UUID, invoice_number: str | None = None) -> uuid.UUID:
    """A correction of a locked Abrechnung: a new one for the same period that references it and
    carries only what changed since (as Nachberechnung lines)."""
    with store.transaction() as session:
        locked = _load(session, abrechnung_id)
        if locked.status != "gesperrt":
            raise InputRejected(
                _("Only a locked Abrechnung is corrected; change this one directly.")
            )
        row = Abrechnung(
            provider=locked.provider,
            period_from=locked.period_from,
            period_to=locked.period_to,
            invoice_number=(invoice_number or "").strip() or None,
            status="offen",
            corrects_id=locked.id,
        )
        session.add(row)
        session.flush()
        _write_correction(session, row, locked, _own(store))
        return row.id


def _write_correction(
    session: Session, row: Abrechnung, locked: Abrechnung, counsellor_id: uuid.UUID | None
) -> None:
    period = BillingPeriod(locked.period_from, locked.period_to)
    fresh = compute(session, period, counsellor_id=counsellor_id, exclude=row.id)
    billed: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    for stored in _lines(session, locked.id):
        billed[stored.bewilligung_id] += Decimal(stored.hours_period)
    for approval_id, line in zip(fresh.line_ids, fresh.lines, strict=True):
        if line.nachberechnung:
            continue
        difference = line.hours_period - billed.get(approval_id, Decimal(0))
        if difference:
            share = difference / line.hours_period if line.hours_period else Decimal(0)
            session.add(
                AbrechnungLine(
                    abrechnung_id=row.id,
                    bewilligung_id=approval_id,
                    aktenzeichen=line.aktenzeichen,
                    hours_period=difference,
                    hours_cumulative=line.hours_cumulative,
                    hours_remaining=line.hours_remaining,
                    amount=(line.amount * share).quantize(Decimal("0.01")),
                    is_nachberechnung=True,
                )
            )


def _lines(session: Session, abrechnung_id: uuid.UUID) -> list[AbrechnungLine]:
    return list(
        session.scalars(
            select(AbrechnungLine)
            .where(
                AbrechnungLine.abrechnung_id == abrechnung_id, AbrechnungLine.deleted_hlc.is_(None)
            )
            .order_by(AbrechnungLine.aktenzeichen, AbrechnungLine.is_nachberechnung.desc())
        )
    )


def _load(session: Session, abrechnung_id: uuid.UUID) -> Abrechnung:
    return live(session, Abrechnung, abrechnung_id, _("The Abrechnung does not exist (any more)."))


def get(store: Store, abrechnung_id: uuid.UUID) -> AbrechnungView:
    with store.read() as session:
        return _view(session, _load(session, abrechnung_id))


def _view(session: Session, row: Abrechnung) -> AbrechnungView:
    approvals = {
        b.id: b
        for b in session.scalars(
            select(Bewilligung).where(
                Bewilligung.id.in_([line.bewilligung_id for line in _lines(session, row.id)])
            )
        )
    }
    lines = tuple(
        form.Line(
            aktenzeichen=line.aktenzeichen,
            period_from=approvals[line.bewilligung_id].period_from,
            period_to=approvals[line.bewilligung_id].period_to,
            approved=Decimal(approvals[line.bewilligung_id].approved_hours),
            hours_period=Decimal(line.hours_period),
            hours_cumulative=Decimal(line.hours_cumulative),
            hours_remaining=Decimal(line.hours_remaining),
            amount=Decimal(line.amount),
            nachberechnung=line.is_nachberechnung,
        )
        for line in _lines(session, row.id)
    )
    return AbrechnungView(
        row.id,
        BillingPeriod(row.period_from, row.period_to),
        row.provider,
        row.invoice_number,
        row.status,
        row.corrects_id,
        lines,
    )


# --- output -------------------------------------------------------------------------------------


def abrechnung_form(
    store: Store, period: BillingPeriod, *, evidence: bool = True
) -> form.AbrechnungForm:
    """The stored Abrechnung of ``period``, or the period computed as the data stand (Entwurf)."""
    with store.read() as session:
        stored = _for_period(session, period)
        computed = compute(session, period, counsellor_id=_own(store))
        if stored:
            shown = _view(session, stored[0])
            lines, number, status = shown.lines, shown.invoice_number, shown.status
        else:
            lines, number, status = computed.lines, None, "offen"
    return form.AbrechnungForm(
        provider=store.installation_provider(),
        period_label=period.label(),
        invoice_number=number,
        status=_status_label(status),
        draft=status != "gesperrt",
        lines=lines,
        evidence=computed.evidence if evidence else (),
    )


def _status_label(status: str) -> str:
    labels = {
        "offen": _("open"),
        "geprueft": _("checked"),
        "eingereicht": _("submitted"),
        "beanstandet": _("contested"),
        "gesperrt": _("locked"),
    }
    return labels.get(status, status)


def abrechnung_pdf_for_period(store: Store, period: BillingPeriod) -> bytes:
    return form.pdf(abrechnung_form(store, period))


_COLUMNS = (
    "aktenzeichen",
    "bewilligung_von",
    "bewilligung_bis",
    "bewilligt_h",
    "zeitraum_h",
    "kumuliert_h",
    "rest_h",
    "betrag_eur",
    "nachberechnung",
)


def _cells(line: form.Line) -> list[str]:
    def number(value: Decimal) -> str:
        return f"{value.quantize(Decimal('0.01'))}".replace(".", ",")

    return [
        line.aktenzeichen,
        line.period_from.isoformat(),
        line.period_to.isoformat(),
        number(line.approved),
        number(line.hours_period),
        number(line.hours_cumulative),
        number(line.hours_remaining),
        number(line.amount),
        "ja" if line.nachberechnung else "nein",
    ]


def export_csv(content: form.AbrechnungForm) -> str:
    """``;``-separated with decimal commas, as German spreadsheets expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(_COLUMNS)
    writer.writerows(_cells(line) for line in content.lines)
    return buffer.getvalue()


def export_xlsx(content: form.AbrechnungForm) -> bytes:
    """The lines as a worksheet with numbers as numbers (€ formatted)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = content.period_label.replace("/", "-")
    sheet.append(list(_COLUMNS))
    for line in content.lines:
        sheet.append(
            [
                line.aktenzeichen,
                line.period_from,
                line.period_to,
                line.approved,
                line.hours_period,
                line.hours_cumulative,
                line.hours_remaining,
                line.amount,
                line.nachberechnung,
            ]
        )
    for cell in sheet["H"][1:]:
        cell.number_format = '#,##0.00 "€"'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
