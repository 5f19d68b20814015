"""Demo Fachleistung: cases with Bedarfsanzeigen, Bewilligungen, Verlängerungen, Fallberichte.

Proportions follow the source text for Dresden-Mitte: about 50 households a year, approvals of
about 50 hours (30–80) for about nine months (6–12), some renewed on a new Bedarfsanzeige with a
Fallbericht, a few refused. Cases start after the trust-building first half year. Approved cases
carry an Integrationsplan with its Auswertungsgespräche (``demo_integrationsplan``), and every
demo shows each state of a case at least once (``demo_scenarios``).
"""

from __future__ import annotations

import itertools
import random
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fsa_desk.domain.codes import code_list, kriterienkatalog
from fsa_desk.domain.deadlines import month_later
from fsa_desk.domain.modules import ApprovalPeriod
from fsa_desk.services.demo_base import (
    DemoRows,
    Window,
    days,
    money,
    month_bounds,
    random_day,
    weighted,
)
from fsa_desk.services.demo_integrationsplan import PlanFacts, write_integrationsplan
from fsa_desk.services.demo_people import HouseholdPlan
from fsa_desk.services.demo_scenarios import Scenario, forced_scenario
from fsa_desk.services.demo_texts import FACHLEISTUNG_TEXTS, pick
from fsa_desk.store.models import (
    Bedarfsanzeige,
    BedarfsanzeigeCriterion,
    BedarfsanzeigeHours,
    BedarfsanzeigeService,
    Bewilligung,
    BewilligungHours,
    CasePerson,
    CaseStatusChange,
    Consent,
    FachleistungCase,
    Fallbericht,
)

FACHLEISTUNG_SHARE = 0.25  # of households still in counselling after the first half year
REFUSED_SHARE = 0.08
RENEWED_SHARE = 0.35
_PERIOD_MONTHS = ((6, 20), (7, 8), (8, 12), (9, 22), (10, 10), (11, 6), (12, 22))  # mean 9
_FL_AREAS = (("gesundheit", 5), ("familie", 4), ("wohnen", 3), ("krise", 3))


@dataclass(frozen=True)
class Approval:
    id: uuid.UUID
    period: ApprovalPeriod
    minutes: int  # approved budget
    usage: float  # share of the budget the course will use (over 1: beyond the budget)

    @property
    def hours_per_month(self) -> float:
        months = max(1.0, (self.period.end - self.period.start).days / 30.4)
        return self.minutes / 60 / months * self.usage


@dataclass
class FachleistungPlan:
    areas: tuple[str, ...] = ()
    approvals: list[Approval] = field(default_factory=list)
    opened_on: date | None = None
    closed_on: date | None = None

    @property
    def periods(self) -> list[ApprovalPeriod]:
        return [a.period for a in self.approvals]

    def covering(self, day: date) -> Approval | None:
        return next((a for a in self.approvals if a.period.covers(day)), None)

    def case_open(self, day: date) -> bool:
        """A case was open on ``day`` (from preparing the Bedarfsanzeige to closing the case)."""
        if self.opened_on is None or day < self.opened_on:
            return False
        return self.closed_on is None or day <= self.closed_on

    def coverage(self, first: date, last: date) -> tuple[float, float]:
        """Share of the days ``first``…``last`` under a Bewilligung, and its monthly pace."""
        covered = [a for a in self.approvals if a.period.start <= last and a.period.end >= first]
        if not covered:
            return 0.0, 0.0
        total = (last - first).days + 1
        inside = sum(
            (min(a.period.end, last) - max(a.period.start, first)).days + 1 for a in covered
        )
        return min(1.0, inside / total), max(a.hours_per_month for a in covered)


@dataclass
class _Case:
    """What the steps of one case need to know while it is written."""

    id: uuid.UUID
    plan: HouseholdPlan
    window: Window
    consent_id: uuid.UUID
    numbers: itertools.count[int]
    result: FachleistungPlan
    head_id: uuid.UUID
    scenario: Scenario | None = None
    status: str = "vorbereitung"
    pending: bool = False  # a Bedarfsanzeige awaits the Amt's decision today
    request_status: str = ""  # of the latest Bedarfsanzeige written


def plan_fachleistung(
    rows: DemoRows,
    plan: HouseholdPlan,
    course_end: date,
    window: Window,
    numbers: itertools.count[int],
) -> FachleistungPlan:
    """Maybe open a case after the first half year; writes its rows and returns its periods."""
    rng = plan.rng
    # Not before trust has grown (half a year), and approvals after the months the prognosis
    # looks at (m1+2 … m1+7), so the built-in 3 h / 2 h effect stays as documented.
    earliest = month_bounds(plan.first_contact, 8)[0] - days(10)
    latest = min(course_end, window.today) - days(30)
    if not plan.counsellor.fachkraft or earliest > latest:
        return FachleistungPlan()
    forced = forced_scenario(rows, rng, window.today, earliest, course_end)
    if forced is None and rng.random() > FACHLEISTUNG_SHARE:
        return FachleistungPlan()
    if forced is not None:
        scenario, drafted = forced
    else:
        scenario = None
        drafted = random_day(rng, earliest, min(latest, month_later(plan.first_contact, 30)))
    areas = _areas(rng)
    case = _open_case(rows, plan, window, drafted, numbers, areas)
    case.scenario = scenario
    _run_case(rows, case, drafted)
    _close_case(rows, case)
    _write_plan(rows, case)
    return case.result


def _areas(rng: random.Random) -> tuple[str, ...]:
    first = weighted(rng, _FL_AREAS)
    others = [(a, w) for a, w in _FL_AREAS if a != first]
    return (first, weighted(rng, others)) if rng.random() < 0.5 else (first,)


def _open_case(
    rows: DemoRows,
    plan: HouseholdPlan,
    window: Window,
    drafted: date,
    numbers: itertools.count[int],
    areas: tuple[str, ...],
) -> _Case:
    adults = plan.adults(drafted)
    head = adults[0] if adults else plan.members[0]
    consent_id = rows.add(
        Consent,
        person_id=head.person.id,
        kind="schweigepflichtentbindung",
        recipient="Sozialamt Dresden, Fachleistung",
        purposes="Anzeige, Bewilligung und Abrechnung der Fachleistung",
        data_categories="Stammdaten, Bedarfe, Verlauf der Hilfe",
        language=plan.language,
        text_version="2024-01",
        given_on=drafted,
        valid_until=month_later(drafted, 24),
    )
    result = FachleistungPlan(areas=areas, opened_on=drafted)
    case_id = rows.new_id()
    for member in plan.present(drafted):
        if member is head or plan.rng.random() < 0.25:
            rows.add(CasePerson, case_id=case_id, person_id=member.person.id)
    return _Case(case_id, plan, window, consent_id, numbers, result, head.person.id)


def _run_case(rows: DemoRows, case: _Case, drafted: date) -> None:
    """The first Bedarfsanzeige and, while the office keeps approving, its renewals — each
    with the Fallbericht that goes with it."""
    rng, scenario = case.plan.rng, case.scenario
    approval = _request(rows, case, drafted, "erst", scenario.outcome if scenario else None)
    for renewal in range(3):
        if approval is None:
            return
        drafted = approval.period.end - days(rng.randint(35, 60))
        renew = rng.random() < RENEWED_SHARE and drafted <= case.window.today
        forced = None
        if scenario is not None:
            renew = renewal == 0 and scenario.renewal is not None
            forced = scenario.renewal
            drafted = min(drafted, case.window.today - days(3))
        if not renew:
            return
        renewed = _request(rows, case, drafted, "verlaengerung", forced)
        sent = case.request_status not in ("entwurf", "unterschrieben")
        _fallbericht(rows, case, approval, "verlaengerung", drafted, sent)
        approval = renewed


def _request(
    rows: DemoRows, case: _Case, drafted: date, kind: str, forced: str | None = None
) -> Approval | None:
    """One Bedarfsanzeige through signing, sending and the Amt's decision, as far as today;
    ``forced`` fixes the outcome (a scenario every demo shows)."""
    rng, today = case.plan.rng, case.window.today
    signed = drafted + days(rng.randint(2, 10))
    sent = signed + days(rng.randint(1, 5))
    received = sent + days(rng.randint(1, 4))
    decided = received + days(rng.randint(14, 50))
    requested = max(30, min(90, 5 * round(rng.gauss(55, 12) / 5)))
    # Below the 35-hour threshold the form warns; the Amt then often refuses.
    refused = rng.random() < (0.5 if requested < 35 else REFUSED_SHARE)
    outcome = "abgelehnt" if kind == "erst" and refused else "bewilligt"
    cut = weighted(rng, [(0, 55), (5, 25), (10, 12), (15, 8)])  # the Amt often approves less
    approved = max(30, min(80, requested - cut))
    if outcome == "bewilligt" and approved < requested - 5:
        outcome = "teilweise_bewilligt"
    if kind == "erst":
        start = received + days(rng.randint(0, 10))
    else:  # a renewal continues the day after the running approval
        start = case.result.approvals[-1].period.end + days(1)
    months = weighted(rng, _PERIOD_MONTHS)
    dates = {"signed": signed, "sent": sent, "received": received, "decided": decided}
    if forced is not None:
        outcome, requested, approved = _force(forced, dates, requested, approved, today)
        if case.scenario is not None and case.scenario.months is not None:
            months = case.scenario.months
    period = ApprovalPeriod(start, month_later(start, months) - days(1))
    anzeige_id = _write_bedarfsanzeige(rows, case, kind, period, requested, dates, outcome)
    if outcome == "zurueckgezogen":
        case.result.closed_on = dates["withdrawn"]
        return None
    if dates["decided"] > today:
        case.pending = True
        return None
    if outcome == "abgelehnt":
        case.result.closed_on = dates["decided"]
        return None
    usage = rng.triangular(0.7, 1.3, 0.98)
    if case.scenario is not None and case.scenario.usage is not None:
        usage = case.scenario.usage
    approval = Approval(rows.new_id(), period, approved * 60, usage)
    _write_bewilligung(rows, case, approval, anzeige_id, dates["decided"])
    case.result.approvals.append(approval)
    return approval


def _force(
    outcome: str, dates: dict[str, date], requested: int, approved: int, today: date
) -> tuple[str, int, int]:
    """Dates and hours that lead to ``outcome`` (the scenario's drafting day fits it)."""
    if outcome == "entwurf":  # not yet signed: nothing after it has happened
        for step in ("signed", "sent", "received"):
            dates[step] = today + days(30)
    if outcome in ("entwurf", "angezeigt", "rueckfrage"):
        dates["decided"] = max(dates["decided"], today + days(21))
    if outcome == "rueckfrage":
        dates["asked"] = dates["received"] + days(10)
    if outcome == "zurueckgezogen":
        dates["withdrawn"] = dates["signed"] + days(8)
        dates["decided"] = today + days(365)  # never decided
    if outcome == "teilweise_bewilligt":
        requested = max(requested, 50)
        return outcome, requested, requested - 15
    if outcome == "bewilligt":
        return outcome, requested, max(30, min(80, requested))
    return outcome, requested, approved


def _write_bedarfsanzeige(
    rows: DemoRows,
    case: _Case,
    kind: str,
    period: ApprovalPeriod,
    requested: int,
    dates: dict[str, date],
    outcome: str,
) -> uuid.UUID:
    rng, today = case.plan.rng, case.window.today
    known = {name: (day if day <= today else None) for name, day in dates.items()}
    status = _request_status(known, outcome)
    case.request_status = status
    client_speaks = rng.random() < 0.7
    anzeige_id = rows.add(
        Bedarfsanzeige,
        case_id=case.id,
        kind=kind,
        status=status,
        period_from=period.start,
        period_to=period.end,
        kriterienkatalog_version=kriterienkatalog().version,
        other_services_reason=pick(rng, FACHLEISTUNG_TEXTS["other_services"]),
        situation_professional=pick(rng, FACHLEISTUNG_TEXTS["situation"]),
        situation_client=pick(rng, FACHLEISTUNG_TEXTS["client_view"]) if client_speaks else None,
        client_view_missing_reason=None
        if client_speaks
        else "nicht erhoben, weil keine Sprachmittlung verfügbar war",
        goals=pick(rng, FACHLEISTUNG_TEXTS["goals"]),
        who_does_what=pick(rng, FACHLEISTUNG_TEXTS["who_does_what"]),
        sprachmittlung="sprachmittlerpool",
        sprachmittlung_language=case.plan.language,
        consent_id=case.consent_id,
        signed_client_on=known["signed"],
        signed_counsellor_on=known["signed"],
        sent_on=known["sent"],
        received_on=known["received"],
        decided_on=known["decided"] if status in _DECIDED else None,
    )
    _write_needs(rows, case, anzeige_id, requested)
    _write_history(rows, case, known, status)
    return anzeige_id


_DECIDED = ("bewilligt", "teilweise_bewilligt", "abgelehnt")


def _request_status(known: dict[str, date | None], outcome: str) -> str:
    """The Bedarfsanzeige's status on ``today`` from the days known by then."""
    if not known["signed"]:
        return "entwurf"
    if known.get("withdrawn"):
        return "zurueckgezogen"
    if known["decided"] and outcome in _DECIDED:
        return outcome
    if known.get("asked"):
        return "rueckfrage"
    return "angezeigt" if known["sent"] else "unterschrieben"


def _write_history(rows: DemoRows, case: _Case, known: dict[str, date | None], status: str) -> None:
    """The case's status history: sent, queried, withdrawn, refused (approvals: on writing)."""
    if known["sent"] and case.status == "vorbereitung":
        _status(rows, case, "angezeigt", known["sent"])
    asked, withdrawn, decided = known.get("asked"), known.get("withdrawn"), known["decided"]
    if status == "rueckfrage" and asked:
        _status(rows, case, "rueckfrage", asked, _QUERY)
    elif status == "zurueckgezogen" and withdrawn:
        _status(rows, case, "zurueckgezogen", withdrawn, "Die Klientin zieht die Anzeige zurück.")
    elif status == "abgelehnt" and decided:
        _status(rows, case, "abgelehnt", decided)


_QUERY = "Rückfrage des Sozialamts: Bitte den Bedarf im Bereich Wohnen genauer begründen."


def _write_needs(rows: DemoRows, case: _Case, anzeige_id: uuid.UUID, requested: int) -> None:
    """Criteria met, projected hours per life area, other services involved."""
    rng, areas = case.plan.rng, case.result.areas
    catalogue = kriterienkatalog()
    for area in areas:
        for item in rng.sample(catalogue.for_life_area(area), k=rng.choice((1, 1, 2))):
            justification = pick(rng, FACHLEISTUNG_TEXTS["justification"])
            rows.add(
                BedarfsanzeigeCriterion,
                bedarfsanzeige_id=anzeige_id,
                criterion=item.code,
                life_area=area,
                justification=justification,
            )
    for area, hours in _split_hours(requested, areas):
        rows.add(BedarfsanzeigeHours, bedarfsanzeige_id=anzeige_id, life_area=area, hours=hours)
    services = code_list("other_services").codes
    for service in rng.sample(services, k=weighted(rng, [(0, 4), (1, 4), (2, 2)])):
        rows.add(BedarfsanzeigeService, bedarfsanzeige_id=anzeige_id, service=service.code)


def _split_hours(total: int, areas: tuple[str, ...]) -> list[tuple[str, Decimal]]:
    """Hours per life area: the Fachleistung areas carry 80 %, parallel Existenzsicherung 20 %."""
    parts = [money(round(total * 0.8 / len(areas))) for _area in areas]
    parts.append(money(total - sum(int(part) for part in parts)))
    return list(zip((*areas, "existenzsicherung"), parts, strict=True))


def _write_bewilligung(
    rows: DemoRows, case: _Case, approval: Approval, anzeige_id: uuid.UUID, decided: date
) -> None:
    rng = case.plan.rng
    hours = approval.minutes // 60
    rows.add(
        Bewilligung,
        id=approval.id,
        case_id=case.id,
        bedarfsanzeige_id=anzeige_id,
        decision_date=decided,
        aktenzeichen=f"50.2-FL-{decided.year}-{next(case.numbers):04d}",
        period_from=approval.period.start,
        period_to=approval.period.end,
        approved_hours=money(hours),
        goals=pick(rng, FACHLEISTUNG_TEXTS["amt_goals"]),
        conditions="Fallbericht zwei Monate vor Ablauf" if rng.random() < 0.3 else None,
        status="laufend" if approval.period.end >= case.window.today else "ausgelaufen",
    )
    for area, part in _split_hours(hours, case.result.areas):
        rows.add(BewilligungHours, bewilligung_id=approval.id, life_area=area, hours=part)
    if case.status != "laufend":
        _status(rows, case, "laufend", decided)


def _fallbericht(
    rows: DemoRows, case: _Case, approval: Approval, kind: str, written: date, sent: bool = True
) -> None:
    """Sent with its Bedarfsanzeige; still a draft while that is being prepared."""
    rng = case.plan.rng
    rows.add(
        Fallbericht,
        case_id=case.id,
        bewilligung_id=approval.id,
        kind=kind,
        status="versandt" if sent else "entwurf",
        period_from=approval.period.start,
        period_to=min(approval.period.end, written),
        course=pick(rng, FACHLEISTUNG_TEXTS["course"]),
        client_assessment=pick(rng, FACHLEISTUNG_TEXTS["client_assessment"]),
        client_assessment_on=written,
        obstacles_structural=pick(rng, FACHLEISTUNG_TEXTS["obstacles"]),
        further_need=pick(rng, FACHLEISTUNG_TEXTS["further_need"])
        if kind == "verlaengerung"
        else None,
    )


def _write_plan(rows: DemoRows, case: _Case) -> None:
    """The Integrationsplan of the case's main person, once a Bewilligung exists."""
    approvals = case.result.approvals
    if approvals:
        facts = PlanFacts(
            case.id,
            case.head_id,
            case.plan.language,
            [approval.period for approval in approvals],
            case.status == "abgeschlossen",
            case.window.today,
        )
        write_integrationsplan(rows, case.plan.rng, facts)


def _status(
    rows: DemoRows, case: _Case, status: str, day: date, comment: str | None = None
) -> None:
    rows.add(CaseStatusChange, case_id=case.id, status=status, changed_on=day, comment=comment)
    if not (case.status == "laufend" and status in ("angezeigt", "rueckfrage")):
        case.status = status


def _close_case(rows: DemoRows, case: _Case) -> None:
    """The case row itself, closed with a final Fallbericht once the last approval has run out."""
    result, today = case.result, case.window.today
    last = result.approvals[-1] if result.approvals else None
    ended = last is not None and last.period.end < today
    if last is not None and ended and case.status == "laufend" and not case.pending:
        written = last.period.end + days(case.plan.rng.randint(5, 30))
        if written <= today:
            _fallbericht(rows, case, last, "abschluss", written)
        result.closed_on = last.period.end
        _status(rows, case, "abgeschlossen", last.period.end)
    assert result.opened_on is not None
    rows.add(
        FachleistungCase,
        id=case.id,
        household_id=case.plan.id,
        counsellor_id=case.plan.counsellor.id,
        status=case.status,
        opened_on=result.opened_on,
        closed_on=result.closed_on,
    )
    rows.add(CaseStatusChange, case_id=case.id, status="vorbereitung", changed_on=result.opened_on)
