"""Demo case work around the consultations: information and consent, Fristen, tasks,
Ankommens-Checkliste, Vollmachten and the anonymous Kurzkontakte of open office hours.
"""

from __future__ import annotations

import random
from datetime import date

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.deadlines import BescheidKind, Delivery, compute_deadline, month_later
from fsa_desk.domain.modules import willkommen_last_day
from fsa_desk.services.demo_base import (
    DemoRows,
    Window,
    age_on,
    days,
    minutes_between,
    month_bounds,
    random_day,
    weighted,
    working_day,
)
from fsa_desk.services.demo_consultations import CourseRecord
from fsa_desk.services.demo_course import Course
from fsa_desk.services.demo_people import CounsellorInfo, HouseholdPlan, Member
from fsa_desk.services.demo_status import Status
from fsa_desk.store.models import (
    Art13Record,
    Bescheid,
    Consent,
    Kurzkontakt,
    Task,
    Vollmacht,
    WelcomeChecklistItem,
)

TEXT_VERSION = "2024-01"
_OBJECTIONS = (
    ("Jobcenter Dresden", "Aufhebungs- und Erstattungsbescheid"),
    ("Jobcenter Dresden", "Ablehnung eines Mehrbedarfs"),
    ("Sozialamt Dresden", "Leistungsbescheid AsylbLG"),
    ("Familienkasse Sachsen", "Ablehnung des Kindergeldes"),
    ("Wohngeldstelle Dresden", "Ablehnung des Wohngeldes"),
)
_TASKS = (
    "Unterlagen für den Weiterbewilligungsantrag nachfragen",
    "Rückruf Ausländerbehörde",
    "Termin zur Kita-Anmeldung vereinbaren",
    "Nachfragen, ob der Bescheid angekommen ist",
    "Übergangsgespräch vorbereiten",
    "Antwort der Krankenkasse prüfen",
)
_KURZ_AREAS = (
    ("existenzsicherung", 30),
    ("aufenthalt", 20),
    ("wohnen", 15),
    ("alltag", 12),
    ("sprache_bildung", 8),
    ("gesundheit", 8),
    ("arbeit", 7),
)
_KURZ_LANGUAGES = (
    ("ar", 25),
    ("uk", 25),
    ("ru", 12),
    ("prs", 10),
    ("fa", 8),
    ("ti", 5),
    ("tr", 5),
    ("de", 10),
)


def write_casework(
    rows: DemoRows,
    plan: HouseholdPlan,
    course: Course,
    record: CourseRecord,
    path: list[Status],
    window: Window,
) -> None:
    """Everything around one household's consultations."""
    last_day = min(course.end, window.today)
    for member in plan.members:
        joined = max(member.member_from, plan.first_contact)
        if member.reason_from != "trennung" and joined <= last_day and member.adult_on(joined):
            _write_information(rows, plan, member, joined, window.today)
    _write_residence_deadlines(rows, plan, path, (plan.first_contact, last_day), window.today)
    _write_objections(rows, plan, (plan.first_contact, last_day), window.today)
    _write_tasks(rows, plan, record, window.today)
    if plan.first_contact <= willkommen_last_day(plan.allocation) and plan.split_from is None:
        _write_checklist(rows, plan, window.today)


def _write_information(
    rows: DemoRows, plan: HouseholdPlan, member: Member, day: date, today: date
) -> None:
    """Art. 13 information and the counselling consent at the first contact, for each adult."""
    rng = plan.rng
    interpreter = "sprachmittlerpool" if rng.random() < 0.6 else None
    rows.add(
        Art13Record,
        person_id=member.person.id,
        given_on=day,
        language=plan.language,
        text_version=TEXT_VERSION,
        interpreter=interpreter,
    )
    revoked = month_later(day, rng.randint(3, 30)) if rng.random() < 0.02 else None
    rows.add(
        Consent,
        person_id=member.person.id,
        kind="einwilligung",
        recipient="Träger der Migrationssozialarbeit",
        purposes="Beratung, Dokumentation, anonymisierte Statistik",
        data_categories="Stammdaten, Aufenthalt, Leistungen, Beratungsverlauf",
        language=plan.language,
        text_version=TEXT_VERSION,
        given_on=day,
        revoked_on=revoked if revoked is not None and revoked <= today else None,
    )
    if rng.random() < 0.06:
        rows.add(
            Vollmacht,
            person_id=member.person.id,
            scope="Vertretung gegenüber dem Jobcenter",
            recipient="Jobcenter Dresden",
            valid_from=day,
            valid_until=month_later(day, 12),
        )


def _write_residence_deadlines(
    rows: DemoRows, plan: HouseholdPlan, path: list[Status], span: tuple[date, date], today: date
) -> None:
    """Expiring titles and Fiktionsbescheinigungen while the household is in counselling."""
    head = plan.members[0].person.id
    for step in path:
        expiry = step.expires_on
        if expiry is None or step.status not in ("erlaubnis", "erlaubnis_24", "fiktion"):
            continue
        if not span[0] <= expiry <= span[1] + days(120) or plan.rng.random() < 0.4:
            continue
        kind = (
            BescheidKind.FIKTION_ABLAUF if step.status == "fiktion" else BescheidKind.TITEL_ABLAUF
        )
        deadline = compute_deadline(kind, step.valid_from, Delivery.UEBERGABE, expires_on=expiry)
        applied = expiry - days(plan.rng.randint(7, 50))
        rows.add(
            Bescheid,
            household_id=plan.id,
            person_id=head,
            authority="Ausländerbehörde Dresden",
            subject="Aufenthaltstitel" if step.status != "fiktion" else "Fiktionsbescheinigung",
            kind=kind.value,
            letter_date=step.valid_from,
            delivery=Delivery.UEBERGABE.value,
            received_on=step.valid_from,
            expires_on=expiry,
            due_on=deadline.due,
            remind_from=deadline.remind_from,
            rule=deadline.rule,
            done_on=applied if applied <= today and applied >= step.valid_from else None,
        )


def _write_objections(
    rows: DemoRows, plan: HouseholdPlan, span: tuple[date, date], today: date
) -> None:
    """Decisions worth a Widerspruch, about one every year and a half of counselling."""
    rng = plan.rng
    months = max(1, (span[1] - span[0]).days // 30)
    for _letter in range(sum(rng.random() < 1 / 18 for _month in range(months))):
        letter = random_day(rng, span[0], span[1])
        authority, subject = _OBJECTIONS[rng.randrange(len(_OBJECTIONS))]
        deadline = compute_deadline(BescheidKind.WIDERSPRUCH, letter, Delivery.POST)
        # Past deadlines were all met; of the running ones some are already dealt with.
        handled = max(letter + days(1), deadline.due - days(rng.randint(3, 20)))
        waiting = handled > today or (deadline.due > today and rng.random() < 0.5)
        rows.add(
            Bescheid,
            household_id=plan.id,
            person_id=plan.members[0].person.id,
            authority=authority,
            subject=subject,
            kind=BescheidKind.WIDERSPRUCH.value,
            letter_date=letter,
            delivery=Delivery.POST.value,
            due_on=deadline.due,
            remind_from=deadline.remind_from,
            rule=deadline.rule,
            done_on=None if waiting else handled,
        )


def _write_tasks(rows: DemoRows, plan: HouseholdPlan, record: CourseRecord, today: date) -> None:
    """Wiedervorlagen: done ones in the past; open ones, some overdue, for recent contacts."""
    rng = plan.rng
    if record.last_contact is None:
        return
    for _task in range(rng.randint(0, 2)):
        due = random_day(rng, plan.first_contact, record.last_contact)
        _task_row(rows, plan, due, done_on=due)
    if record.last_contact >= today - days(60) and rng.random() < 0.5:
        _task_row(rows, plan, today + days(rng.randint(-10, 40)), done_on=None)  # a fifth overdue


def _task_row(rows: DemoRows, plan: HouseholdPlan, due: date, done_on: date | None) -> None:
    text = _TASKS[plan.rng.randrange(len(_TASKS))]
    rows.add(
        Task,
        household_id=plan.id,
        counsellor_id=plan.counsellor.id,
        due_on=due,
        text=text,
        done_on=done_on,
    )


def _write_checklist(rows: DemoRows, plan: HouseholdPlan, today: date) -> None:
    """The Ankommens-Checkliste, mostly done within the Willkommensjahr; Kita/Schule per child."""
    rng = plan.rng
    children = plan.children(plan.first_contact)
    for item in code_list("welcome_checklist").codes:
        people = children if item.extra.get("per_child") else [None]
        for child in people:
            done = plan.first_contact + days(rng.randint(3, 240))
            skip = child is not None and age_on(child.person.birth, plan.first_contact) < 1
            status = (
                "entfaellt"
                if skip or rng.random() < 0.05
                else "erledigt"
                if done <= today
                else "offen"
            )
            rows.add(
                WelcomeChecklistItem,
                household_id=plan.id,
                person_id=child.person.id if child is not None else None,
                item=item.code,
                status=status,
                done_on=done if status == "erledigt" else None,
            )


def write_kurzkontakte(
    rows: DemoRows, rng: random.Random, counsellors: list[CounsellorInfo], window: Window
) -> None:
    """Anonymous short contacts in open office hours: 10–30 a month per counsellor."""
    for counsellor in counsellors:
        for offset in range(window.months):
            first, last = month_bounds(window.start, offset)
            last = min(last, window.today)
            share = ((last - first).days + 1) / 30
            for _contact in range(round(rng.randint(10, 30) * min(1.0, share))):
                rows.add(
                    Kurzkontakt,
                    counsellor_id=counsellor.id,
                    date=working_day(rng, first, last),
                    minutes=minutes_between(rng, 5, 20, 10),
                    language=weighted(rng, _KURZ_LANGUAGES),
                    life_area=weighted(rng, _KURZ_AREAS),
                    target_group=rng.random() < 0.9,
                )
