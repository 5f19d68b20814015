"""Realistic synthetic demo data: households, people and years of documented counselling.

``generate_demo`` fills an empty installation with data shaped like the source text's
Dresden-Mitte figures (DESIGN.md §1, §9): at 500 households over 60 months about 1,400 persons
and 70,000 consultations, ~50 Fachleistung households a year, >200 persons in the
Willkommensjahr, and the monthly course and prognosis effect the reports are meant to show.
The same seed and ``today`` always give the same content; no real person is described.
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fsa_desk.domain.billing import BillingRuleData
from fsa_desk.errors import InputRejected, UsageError
from fsa_desk.i18n import _
from fsa_desk.services import search_index
from fsa_desk.services.demo_base import DemoRows, Window, money
from fsa_desk.services.demo_casework import write_casework, write_kurzkontakte
from fsa_desk.services.demo_consultations import write_course
from fsa_desk.services.demo_course import plan_course
from fsa_desk.services.demo_fachleistung import plan_fachleistung
from fsa_desk.services.demo_people import CounsellorInfo, plan_households, write_people
from fsa_desk.store.bulk import insert_rows, large_write
from fsa_desk.store.models import (
    BillingRule,
    Consultation,
    Counsellor,
    CounsellorFte,
    Household,
    Person,
)
from fsa_desk.store.store import Store

MAX_MONTHS = 240
HOURLY_RATE = "62.50"  # € per Fachleistungsstunde, a plausible Leistungsvertrag figure
# The team of a lead installation: code, synthetic name, state-recognised, VZÄ.
TEAM = (
    ("D1", "Julia Neumann", True, 1.0),
    ("D2", "Tobias Krüger", True, 0.75),
    ("D3", "Leyla Aksoy", True, 1.0),
    ("D4", "Martin Schubert", True, 0.5),
    ("D5", "Sara Hoffmann", True, 0.8),
    ("D6", "Jonas Richter", False, 0.6),
)


@dataclass(frozen=True)
class DemoSummary:
    households: int
    persons: int
    consultations: int
    counsellors: int  # counsellors created (a lead installation's team)
    seconds: float


def generate_demo(
    store: Store,
    *,
    households: int = 500,
    months: int = 60,
    seed: int = 1,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty installation with ``households`` households over ``months`` months.

    The data end at ``today`` (default: yesterday); the same seed and ``today`` give the same
    content. On a counsellor's installation all work is theirs; on a lead's installation a team
    D1–D6 shares it. Everything is written in one transaction, change log included.
    """
    started = time.perf_counter()
    last_day = today or date.today() - timedelta(days=1)
    _check_request(households, months, last_day)
    window = Window.ending(last_day, months)
    rng = random.Random(seed)
    rows = DemoRows(rng.getrandbits(64))
    with store.transaction() as session:
        _check_empty(session)
        counsellors, created = _counsellors(store, session, rows, window)
        _generate(rows, rng, window, counsellors, households)
        _insert(session, rows)
        search_index.rebuild(session)
    return DemoSummary(
        households=rows.count(Household),
        persons=rows.count(Person),
        consultations=rows.count(Consultation),
        counsellors=created,
        seconds=time.perf_counter() - started,
    )


def _check_request(households: int, months: int, last_day: date) -> None:
    if last_day > date.today():
        raise UsageError(_("Demo data cannot end in the future."))
    if households < 1:
        raise UsageError(_("The number of households must be at least 1."))
    if not 1 <= months <= MAX_MONTHS:
        raise UsageError(
            _("The number of months must lie between 1 and {maximum}.").format(maximum=MAX_MONTHS)
        )


def _check_empty(session: Session) -> None:
    """Demo data never mix with real records."""
    if session.execute(select(func.count()).select_from(Household)).scalar():
        raise InputRejected(
            _("This installation already holds households; demo data go only into an empty one.")
        )


def _counsellors(
    store: Store, session: Session, rows: DemoRows, window: Window
) -> tuple[list[CounsellorInfo], int]:
    """The installation's own counsellor, or on a lead installation a new team D1–D6."""
    own_id = store.installation_counsellor_id()
    own = session.get(Counsellor, own_id) if own_id is not None else None
    if own is None or store.installation is None:
        raise InputRejected(_("No counsellor is set up on this installation."))
    region = own.region or "mitte"
    if store.installation.role != "lead":
        rows.add(CounsellorFte, counsellor_id=own.id, valid_from=window.start, fte=money(1))
        return [CounsellorInfo(own.id, own.code, own.fachkraft, region, 1.0, own.provider)], 0
    team = []
    for code, name, fachkraft, fte in TEAM:
        counsellor_id = rows.add(
            Counsellor,
            name=name,
            code=code,
            provider=own.provider,
            region=region,
            role="counsellor",
            fachkraft=fachkraft,
        )
        rows.add(
            CounsellorFte, counsellor_id=counsellor_id, valid_from=window.start, fte=money(fte)
        )
        team.append(CounsellorInfo(counsellor_id, code, fachkraft, region, fte, own.provider))
    return team, len(team)


def _generate(
    rows: DemoRows,
    rng: random.Random,
    window: Window,
    counsellors: list[CounsellorInfo],
    households: int,
) -> None:
    """Plan every household, then write its people, course, Fachleistung and case work."""
    numbers = itertools.count(1)  # running Aktenzeichen numbers of the Sozialamt
    rule = BillingRuleData()
    for plan in plan_households(rng, rows, window, counsellors, households):
        path = write_people(rows, plan, window)
        course = plan_course(plan, window)
        fachleistung = plan_fachleistung(rows, plan, course.end, window, numbers)
        if fachleistung.approvals:  # counselling goes on at least while the approval runs
            last = fachleistung.approvals[-1].period.end
            course.end = max(course.end, min(window.today, last + timedelta(days=60)))
        record = write_course(rows, plan, course, fachleistung, window, rule)
        write_casework(rows, plan, course, record, path, window)
    write_kurzkontakte(rows, rng, counsellors, window)
    _billing_rule(rows, window, rule)


def _billing_rule(rows: DemoRows, window: Window, rule: BillingRuleData) -> None:
    """The Leistungsvertrag's rule, identical to the one the demo billability used."""
    rows.add(
        BillingRule,
        valid_from=min(window.start, date(2019, 7, 1)),  # Fachleistung since mid-2019
        counts_direct=rule.counts_direct,
        counts_indirect=rule.counts_indirect,
        counts_travel=rule.counts_travel,
        counts_no_show=rule.counts_no_show,
        rounding_minutes=rule.rounding_minutes,
        hourly_rate=money(HOURLY_RATE),
        period="month",
        fachkraft_only=rule.fachkraft_only,
    )


def _insert(session: Session, rows: DemoRows) -> None:
    """One set-based insert per table, rows in id order so index pages fill front to back."""
    with large_write(session):
        for model, table_rows in rows.tables.items():
            insert_rows(session, model, sorted(table_rows, key=lambda row: row["id"]))
