"""Everything the household view shows, read in one transaction, and the few writes it needs.

``household_detail`` gathers the household's header, members over time, addresses, module
history, consultation timeline, Willkommensleistung, Fristen, tasks, Vollmachten, consents and
the Fachleistung budget with a constant number of queries, however long the history.

Members and addresses (with "Adresse geheim") come from ``household_members``, the timeline
and the ruhend rule from ``household_timeline``, the Fachleistung budget from
``household_budget``, the rest of the case work from ``household_casework``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.modules import (
    ApprovalPeriod,
    Module,
    derive_module,
    module_episodes,
    willkommen_last_day,
)
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import household_casework as casework
from fsa_desk.services import household_members
from fsa_desk.services.household_budget import Fachleistung, fachleistung_of
from fsa_desk.services.household_members import AddressLine, MemberLine
from fsa_desk.services.household_timeline import (
    ConsultationLine,
    DormantSuggestion,
    dormant_suggestion,
    last_direct_contact,
    timeline,
)
from fsa_desk.services.households import STATUSES
from fsa_desk.services.records import live
from fsa_desk.store.models import (
    Counsellor,
    Household,
    HouseholdCounsellor,
    Task,
)
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class StatusState:
    """A household's status as stored: enough to put it back exactly (undo)."""

    status: str
    since: date | None
    closure_reason: str | None
    closure_detail: str | None


@dataclass(frozen=True)
class CounsellorPeriod:
    """A further team member or a Vertretung, with the period they cover."""

    name: str
    role: str  # team, vertretung
    valid_from: date | None
    valid_to: date | None

    def covers(self, day: date) -> bool:
        return household_members.within(day, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class Header:
    id: uuid.UUID
    household_ref: str
    status: StatusState
    allocation_date: date | None
    first_contact_on: date | None
    counsellor: str | None  # Bezugsberater:in
    helpers: tuple[CounsellorPeriod, ...]  # current and coming team members and Vertretungen
    module: str  # today
    names: tuple[str, ...]  # current members, head of household first
    split_from_ref: str | None  # the household this one separated from

    @property
    def vertretung(self) -> tuple[CounsellorPeriod, ...]:
        return tuple(h for h in self.helpers if h.role == "vertretung")


@dataclass(frozen=True)
class ModuleHistory:
    willkommen_from: date | None
    willkommen_until: date | None  # the Willkommensjahr's last day
    episodes: tuple[tuple[str, date, date], ...]  # module, first day, last day; oldest first


@dataclass(frozen=True)
class HouseholdDetail:
    today: date
    header: Header
    members: tuple[MemberLine, ...]  # current members first, then former ones
    addresses: tuple[AddressLine, ...]  # newest first
    modules: ModuleHistory
    fachleistung: Fachleistung
    consultations: tuple[ConsultationLine, ...]  # newest first
    last_direct_contact: date | None
    dormant: DormantSuggestion | None
    checklist: tuple[casework.ChecklistLine, ...]
    kompetenzen: tuple[casework.KompetenzLine, ...]
    deadlines: tuple[casework.DeadlineLine, ...]  # open ones by due date, then done ones
    tasks: tuple[casework.TaskLine, ...]  # open tasks by due date
    vollmachten: tuple[casework.VollmachtLine, ...]
    consents: tuple[casework.ConsentLine, ...]
    art13: tuple[casework.Art13Line, ...]


def household_detail(store: Store, household_id: uuid.UUID, *, today: date) -> HouseholdDetail:
    """Everything the household view shows, as of ``today``, from one read transaction."""
    with store.read() as session:
        household = live(
            session, Household, household_id, _("The household does not exist (any more).")
        )
        members = household_members.members(session, household_id, today)
        names = {m.person_id: m.name for m in members}
        persons = list(names)
        fachleistung = fachleistung_of(session, household_id, today)
        consultations = timeline(session, household_id)
        modules = _module_history(household, fachleistung, consultations, today)
        last_direct = last_direct_contact(consultations)
        state = _status(household)
        return HouseholdDetail(
            today=today,
            header=_header(session, household, members, fachleistung, today),
            members=members,
            addresses=household_members.addresses(session, household_id, today),
            modules=modules,
            fachleistung=fachleistung,
            consultations=consultations,
            last_direct_contact=last_direct,
            dormant=dormant_suggestion(state.status, state.since, last_direct, today),
            checklist=casework.checklist(session, household_id, names),
            kompetenzen=casework.kompetenzen(session, persons, names),
            deadlines=_deadlines(session, household_id, members, modules, fachleistung, today),
            tasks=casework.open_tasks(session, household_id),
            vollmachten=casework.vollmachten(session, persons, names),
            consents=casework.consents(session, persons, names),
            art13=casework.art13_records(session, persons, names),
        )


def _status(household: Household) -> StatusState:
    return StatusState(
        household.status,
        household.status_since,
        household.closure_reason,
        household.closure_detail,
    )


# --- header -----------------------------------------------------------------------------------


def _header(
    session: Session,
    household: Household,
    members: Sequence[MemberLine],
    fachleistung: Fachleistung,
    today: date,
) -> Header:
    approvals = [ApprovalPeriod(a.period_from, a.period_to) for a in fachleistung.approvals]
    split_from = (
        session.get(Household, household.split_from_id) if household.split_from_id else None
    )
    return Header(
        id=household.id,
        household_ref=household.household_ref,
        status=_status(household),
        allocation_date=household.allocation_date,
        first_contact_on=household.first_contact_on,
        counsellor=_counsellor_name(session, household.counsellor_id),
        helpers=_helpers(session, household.id, today),
        module=derive_module(today, household.allocation_date, approvals).value,
        names=tuple(m.name for m in members if m.current),
        split_from_ref=split_from.household_ref if split_from is not None else None,
    )


def _counsellor_name(session: Session, counsellor_id: uuid.UUID | None) -> str | None:
    counsellor = session.get(Counsellor, counsellor_id) if counsellor_id else None
    return counsellor.name if counsellor is not None else None


def _helpers(
    session: Session, household_id: uuid.UUID, today: date
) -> tuple[CounsellorPeriod, ...]:
    rows = session.execute(
        select(HouseholdCounsellor, Counsellor.name)
        .join(Counsellor, Counsellor.id == HouseholdCounsellor.counsellor_id)
        .where(
            HouseholdCounsellor.household_id == household_id,
            HouseholdCounsellor.deleted_hlc.is_(None),
        )
        .order_by(HouseholdCounsellor.valid_from)
    ).all()
    periods = [CounsellorPeriod(name, row.role, row.valid_from, row.valid_to) for row, name in rows]
    return tuple(p for p in periods if p.valid_to is None or p.valid_to >= today)


# --- modules and deadlines ------------------------------------------------------------------


def _module_history(
    household: Household,
    fachleistung: Fachleistung,
    consultations: Sequence[ConsultationLine],
    today: date,
) -> ModuleHistory:
    """Module episodes from the allocation (or first contact) until today or the closure."""
    allocation = household.allocation_date
    known = [allocation, household.first_contact_on, *(c.date for c in consultations[-1:])]
    start = min((day for day in known if day is not None), default=None)
    end = today
    if household.status == "abgeschlossen" and household.status_since is not None:
        end = min(end, household.status_since)
    approvals = [ApprovalPeriod(a.period_from, a.period_to) for a in fachleistung.approvals]
    episodes: list[tuple[Module, date, date]] = []
    if start is not None and start <= end:
        episodes = module_episodes(allocation, approvals, start, end)
    return ModuleHistory(
        willkommen_from=allocation,
        willkommen_until=willkommen_last_day(allocation) if allocation else None,
        episodes=tuple((module.value, first, last) for module, first, last in episodes),
    )


def _deadlines(
    session: Session,
    household_id: uuid.UUID,
    members: Sequence[MemberLine],
    modules: ModuleHistory,
    fachleistung: Fachleistung,
    today: date,
) -> tuple[casework.DeadlineLine, ...]:
    """Fristen from Bescheide, expiring residence papers of current members, the end of the
    Willkommensjahr and of the running Bewilligung."""
    lines = casework.bescheid_deadlines(session, household_id)
    lines += _residence_expiries(members)
    if modules.willkommen_until is not None and modules.willkommen_until >= today:
        lines.append(
            casework.DeadlineLine(casework.WILLKOMMEN_END, modules.willkommen_until, "", None)
        )
    budget = fachleistung.budget
    if budget is not None and budget.running:
        approval = budget.approval
        lines.append(
            casework.DeadlineLine(
                casework.APPROVAL_END, approval.period_to, approval.aktenzeichen, None
            )
        )
    lines.sort(key=lambda line: (line.done_on is not None, line.due_on))
    return tuple(lines)


def _residence_expiries(members: Sequence[MemberLine]) -> list[casework.DeadlineLine]:
    """One line per expiry date and status: a family's papers usually expire together."""
    names: dict[tuple[date, str | None], list[str]] = {}
    for member in members:
        if member.current and member.residence_expires_on is not None:
            key = (member.residence_expires_on, member.residence_status)
            names.setdefault(key, []).append(member.name)
    return [
        casework.DeadlineLine(casework.RESIDENCE_EXPIRY, due, ", ".join(found), status)
        for (due, status), found in names.items()
    ]


# --- writes the view needs --------------------------------------------------------------------


def restore_status(store: Store, household_id: uuid.UUID, state: StatusState) -> None:
    """Put status, its date and the closure reason back exactly as they were (undo of a
    status change; ``households.set_status`` would date the status today)."""
    if state.status not in STATUSES:
        raise InputRejected(_("Unknown status '{status}'.").format(status=state.status))
    with store.transaction() as session:
        household = live(
            session, Household, household_id, _("The household does not exist (any more).")
        )
        household.status = state.status
        household.status_since = state.since
        household.closure_reason = state.closure_reason
        household.closure_detail = state.closure_detail


def reopen_task(store: Store, task_id: uuid.UUID) -> None:
    """Mark a completed task open again (undo of ``tasks.complete_task``)."""
    with store.transaction() as session:
        task = live(session, Task, task_id, _("The task does not exist (any more)."))
        task.done_on = None
