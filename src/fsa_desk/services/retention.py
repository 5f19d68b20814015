"""Löschfristen: configurable retention rules, a preview and the deletion run (issue 9).

Rules (years or days, stored in the ``setting`` table as ``retention.rules``):

- ``notes_years`` (default 3): consultation notes and agreements, counted from the household's
  last consultation. Provider decision: Art. 5 (1) e and Art. 17 (1) a DSGVO, § 84 SGB X require
  erasure once the data are no longer needed; three years after the last contact follows the
  regular limitation period (§ 195 BGB) for claims arising from the counselling.
- ``billing_years`` (default 8): Abrechnungen and their lines, counted from the end of the
  calendar year of the billing period's end — § 147 (1) Nr. 4, (3), (4) AO and § 257 HGB
  (Buchungsbelege, 8 years since 2025).
- ``closed_households_years`` (default 3): all personal data of a household closed at least that
  long ago (status ``abgeschlossen`` since). Provider decision, as for notes.
- erasures that arrived in a bundle (another installation ran its retention): the values are
  gone from the tables, and the run redacts what this installation's change log still holds.
- ``backups_days`` (default 90): encrypted backups older than this are removed, so that erased
  data do not outlive the rules in old copies. Provider decision.

A period ends on its anniversary: data whose period ends today are erased today. The run first
writes an anonymised statistics extract of the households it erases (DESIGN.md §10), then erases
by redaction (``services.erasure``), refreshes the report facts and appends a protocol entry that
names categories, counts, time and the counsellor — never any content.
"""

from __future__ import annotations

import csv
import json
import secrets
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fsa_desk.domain.deadlines import month_later
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.reports import facts
from fsa_desk.services import erasure
from fsa_desk.services.backups import list_backups
from fsa_desk.store.models import (
    Abrechnung,
    AbrechnungLine,
    Consultation,
    ConsultationLifeArea,
    Counsellor,
    Household,
    Setting,
)
from fsa_desk.store.store import Store

RULES_KEY = "retention.rules"
PROTOCOL_KEY = "retention.protocol"
_ONE_DAY = timedelta(days=1)
CATEGORIES = ("notes", "billing", "closed_households", "erased_elsewhere", "backups")
RULE_LIMITS = {
    "notes_years": (1, 30),
    "billing_years": (1, 30),
    "closed_households_years": (1, 30),
    "backups_days": (1, 3650),
}


@dataclass(frozen=True)
class RetentionRules:
    notes_years: int = 3
    billing_years: int = 8
    closed_households_years: int = 3
    backups_days: int = 90


@dataclass(frozen=True)
class RetentionPlan:
    """What a run would erase, as counts per category (the preview)."""

    today: date
    counts: dict[str, int]  # category → rows (households for closed_households, files for backups)
    note_consultations: tuple[uuid.UUID, ...] = field(repr=False, default=())
    abrechnungen: tuple[uuid.UUID, ...] = field(repr=False, default=())
    households: tuple[uuid.UUID, ...] = field(repr=False, default=())
    backups: tuple[Path, ...] = field(repr=False, default=())
    erased_elsewhere: dict[str, list[uuid.UUID]] = field(repr=False, default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())


@dataclass(frozen=True)
class ProtocolEntry:
    """One line of the deletion protocol: no content, only what, how many, when, by whom."""

    run_at: str
    by: str
    category: str
    count: int


@dataclass(frozen=True)
class RetentionResult:
    plan: RetentionPlan
    protocol: tuple[ProtocolEntry, ...]
    statistics_file: Path | None


def category_label(category: str) -> str:
    """The category's name in the preview (CLI and GUI)."""
    return {
        "notes": _("Consultation notes"),
        "billing": _("Billing records"),
        "closed_households": _("Closed households"),
        "erased_elsewhere": _("Data erased on another installation (change log)"),
        "backups": _("Old backups"),
    }[category]


# --- rules ----------------------------------------------------------------------------------


def load_rules(store: Store) -> RetentionRules:
    with store.read() as session:
        row = session.get(Setting, RULES_KEY)
    stored = json.loads(row.value) if row else {}
    known = {f.name for f in fields(RetentionRules)}
    return RetentionRules(**{k: v for k, v in stored.items() if k in known})


def save_rules(store: Store, rules: RetentionRules) -> RetentionRules:
    """Store the rules; any value outside its range rejects all of them and writes nothing."""
    for name, (low, high) in RULE_LIMITS.items():
        value = getattr(rules, name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InputRejected(
                _("Retention rule {name} must be a whole number from {low} to {high}.").format(
                    name=name, low=low, high=high
                )
            )
    with store.transaction() as session:
        session.merge(Setting(key=RULES_KEY, value=json.dumps(asdict(rules))))
    return rules


# --- preview ----------------------------------------------------------------------------------


def plan(store: Store, *, today: date | None = None, now: datetime | None = None) -> RetentionPlan:
    """What a run on ``today`` would erase under the stored rules (nothing is changed)."""
    today = today or date.today()
    rules = load_rules(store)
    with store.read() as session:
        notes = _notes_due(session, today, rules.notes_years)
        bills = _billing_due(session, today, rules.billing_years)
        closed = _closed_due(session, today, rules.closed_households_years)
        elsewhere = erasure.erased_elsewhere(session)
    old_backups = _backups_due(store, now or datetime.now(), rules.backups_days)
    counts = {
        "notes": len(notes),
        "billing": len(bills),
        "closed_households": len(closed),
        "erased_elsewhere": sum(len(ids) for ids in elsewhere.values()),
        "backups": len(old_backups),
    }
    return RetentionPlan(today, counts, notes, bills, closed, old_backups, elsewhere)


def due(start: date, years: int) -> date:
    """The day a period of ``years`` from ``start`` ends (29 February → 28 February)."""
    return month_later(start, 12 * years)


def _latest_start(today: date, years: int) -> date:
    """The latest start whose period has ended by ``today``."""
    day = month_later(today, -12 * years)
    while due(day + _ONE_DAY, years) <= today:  # 28 Feb today: 29 Feb starts are due too
        day += _ONE_DAY
    return day


def _notes_due(session: Session, today: date, years: int) -> tuple[uuid.UUID, ...]:
    last = (
        select(Consultation.household_id, func.max(Consultation.date).label("last"))
        .where(Consultation.deleted_hlc.is_(None))
        .group_by(Consultation.household_id)
        .subquery()
    )
    query = (
        select(Consultation.id)
        .join(last, last.c.household_id == Consultation.household_id)
        .where(
            last.c.last <= _latest_start(today, years),
            (Consultation.note.is_not(None)) | (Consultation.agreements.is_not(None)),
        )
    )
    return tuple(session.scalars(query))


def _billing_due(session: Session, today: date, years: int) -> tuple[uuid.UUID, ...]:
    # § 147 (4) AO: the period begins at the end of the calendar year of the period's end.
    last_year = today.year - years - 1
    query = select(Abrechnung.id).where(
        Abrechnung.period_to < date(last_year + 1, 1, 1),
        Abrechnung.provider != erasure.MARKER,
    )
    return tuple(session.scalars(query))


def _closed_due(session: Session, today: date, years: int) -> tuple[uuid.UUID, ...]:
    query = select(Household.id).where(
        Household.status == "abgeschlossen",
        Household.status_since <= _latest_start(today, years),
        Household.deleted_hlc.is_(None),
    )
    return tuple(session.scalars(query))


def _backups_due(store: Store, now: datetime, days: int) -> tuple[Path, ...]:
    return tuple(b.path for b in list_backups(store) if (now - b.taken_at).days >= days)


# --- the run ----------------------------------------------------------------------------------


def run(store: Store, *, today: date | None = None, now: datetime | None = None) -> RetentionResult:
    """Erase what the rules say is due: statistics extract first, then redaction, the protocol."""
    now = now or datetime.now()
    preview = plan(store, today=today, now=now)
    if preview.empty:
        return RetentionResult(preview, (), None)
    statistics = _write_statistics(store, preview.households, now) if preview.households else None
    by = _by(store)
    with store.transaction() as session:
        _erase_notes(session, preview.note_consultations)
        _erase_billing(session, preview.abrechnungen)
        if preview.households:
            erasure.erase_households(session, list(preview.households))
        erasure.redact_history(session, preview.erased_elsewhere)
        facts.refresh(session)
        entries = _protocol(session, preview, by, now)
    for path in preview.backups:
        path.unlink(missing_ok=True)
    _compact(store)
    return RetentionResult(preview, entries, statistics)


def _erase_notes(session: Session, consultation_ids: tuple[uuid.UUID, ...]) -> None:
    rows = [session.get(Consultation, i) for i in consultation_ids]
    erasure.redact(session, [r for r in rows if r is not None], ("note", "agreements"))


def _erase_billing(session: Session, abrechnung_ids: tuple[uuid.UUID, ...]) -> None:
    for abrechnung_id in abrechnung_ids:
        lines = session.scalars(
            select(AbrechnungLine).where(AbrechnungLine.abrechnung_id == abrechnung_id)
        ).all()
        erasure.erase(session, [*lines, session.get_one(Abrechnung, abrechnung_id)])


def _by(store: Store) -> str:
    counsellor_id = store.installation_counsellor_id()
    with store.read() as session:
        counsellor = session.get(Counsellor, counsellor_id) if counsellor_id else None
        return counsellor.code if counsellor else "?"


def _protocol(
    session: Session, preview: RetentionPlan, by: str, now: datetime
) -> tuple[ProtocolEntry, ...]:
    stamp = now.isoformat(timespec="seconds")
    entries = tuple(
        ProtocolEntry(stamp, by, category, count)
        for category, count in preview.counts.items()
        if count
    )
    row = session.get(Setting, PROTOCOL_KEY)
    history = json.loads(row.value) if row else []
    history += [asdict(e) for e in entries]
    session.merge(Setting(key=PROTOCOL_KEY, value=json.dumps(history)))
    return entries


def protocol(store: Store) -> tuple[ProtocolEntry, ...]:
    """The deletion protocol, oldest first."""
    with store.read() as session:
        row = session.get(Setting, PROTOCOL_KEY)
    return tuple(ProtocolEntry(**entry) for entry in (json.loads(row.value) if row else []))


def _compact(store: Store) -> None:
    """Rewrite the database file so that erased values do not linger in free pages or the WAL."""
    raw = store.engine.raw_connection()  # the driver runs without a transaction of its own
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


# --- the anonymised statistics extract (DESIGN.md §10) ---------------------------------------

STATISTICS_COLUMNS = ("key", "month_index", "hours", "life_areas", "module", "closure_reason")


def statistics_dir(store: Store) -> Path:
    return store.data_dir.root / "statistik"


def _write_statistics(store: Store, household_ids: tuple[uuid.UUID, ...], now: datetime) -> Path:
    """Per erased household a random key and, per month since its first consultation, hours,
    life areas and module, with its closure reason: no id, no date, no name."""
    with store.read() as session:
        rows = [line for h in household_ids for line in _statistics_of(session, h)]
    folder = statistics_dir(store)
    folder.mkdir(exist_ok=True)
    path = folder / f"loeschlauf-{now.strftime('%Y%m%d-%H%M%S')}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(STATISTICS_COLUMNS)
        writer.writerows(rows)
    return path


@dataclass
class _Month:
    minutes: int = 0
    areas: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)


def _statistics_of(session: Session, household_id: uuid.UUID) -> list[tuple[object, ...]]:
    household = session.get_one(Household, household_id)
    query = (
        select(Consultation)
        .where(Consultation.household_id == household_id, Consultation.deleted_hlc.is_(None))
        .order_by(Consultation.date)
    )
    consultations = session.scalars(query).all()
    if not consultations:
        return []
    first = consultations[0].date
    months: dict[int, _Month] = defaultdict(_Month)
    for row in consultations:
        month = months[(row.date.year - first.year) * 12 + row.date.month - first.month + 1]
        month.minutes += row.duration_minutes
        month.modules.add(row.module)
        month.areas |= set(
            session.scalars(
                select(ConsultationLifeArea.life_area).where(
                    ConsultationLifeArea.consultation_id == row.id,
                    ConsultationLifeArea.deleted_hlc.is_(None),
                )
            )
        )
    key = secrets.token_hex(8)  # random: the extract cannot be linked back to the household
    reason = household.closure_reason or ""
    return [
        (
            key,
            k,
            round(m.minutes / 60, 2),
            ",".join(sorted(m.areas)),
            ",".join(sorted(m.modules)),
            reason,
        )
        for k, m in sorted(months.items())
    ]
