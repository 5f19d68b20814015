"""The rows of the Fachleistung page's tables: ready-made texts per Bedarfsanzeige,
Bewilligung, Fallbericht and Integrationsplan, newest first, with a tone for what needs action.
"""

from __future__ import annotations

from fsa_desk.domain.budget import explain
from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.household_table import Row
from fsa_desk.i18n import _
from fsa_desk.services import fallbericht
from fsa_desk.services.fachleistung import CaseOverview


def anzeige_rows(case: CaseOverview | None) -> list[Row]:
    if case is None:
        return []
    return [
        Row(
            a.id,
            (
                fmt.kind_label(a.kind),
                str(a.version),
                fmt.anzeige_status(a.status),
                fmt.period(a.period_from, a.period_to),
                fmt.number(a.total_hours),
                fmt.day(a.sent_on),
            ),
            tone="warning"
            if a.status == "rueckfrage"
            else "past"
            if a.status == "ersetzt"
            else None,
        )
        for a in reversed(case.anzeigen)
    ]


def bewilligung_rows(case: CaseOverview | None) -> list[Row]:
    if case is None:
        return []
    rows = []
    for b in reversed(case.bewilligungen):
        warnings = [explain(code, b.budget) for code in b.budget.warnings]
        rows.append(
            Row(
                b.id,
                (
                    b.aktenzeichen,
                    fmt.period(b.period_from, b.period_to),
                    fmt.number(b.approved_hours),
                    fmt.number(b.budget.used),
                    fmt.number(b.budget.remaining),
                    fmt.bewilligung_status(b.status),
                ),
                tooltip="\n".join(warnings),
                tone="overdue" if warnings and b.status == "laufend" else None,
            )
        )
    return rows


def bericht_rows(case: CaseOverview | None) -> list[Row]:
    if case is None:
        return []
    return [
        Row(
            r.id,
            (
                fallbericht.kind_label(r.kind),
                fmt.period(r.period_from, r.period_to),
                fallbericht.status_label(r.status),
                r.aktenzeichen or "",
            ),
            tone="warning" if r.status == "entwurf" else None,
        )
        for r in reversed(case.fallberichte)
    ]


def plan_rows(case: CaseOverview | None) -> list[Row]:
    if case is None:
        return []
    rows = []
    for plan in case.plans:
        talk = plan.next_auswertung
        held = plan.last_held
        if talk is not None and talk.scheduled_on is not None:
            when = _("planned for {day}").format(day=fmt.day(talk.scheduled_on))
        elif held is not None and held.held_on is not None:
            when = _("held on {day}").format(day=fmt.day(held.held_on))
        else:
            when = ""
        goals = "; ".join(goal.text for goal in plan.goals)
        rows.append(
            Row(plan.id, (plan.person_name, goals, fmt.day(plan.agreed_on), when), tooltip=goals)
        )
    return rows
