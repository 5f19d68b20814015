"""The Bedarfsanzeige: drafting, the 35-hour warning, the period, completeness and the workflow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.errors import InputRejected
from fsa_desk.services import bedarfsanzeige, fachleistung, fachleistung_documents
from fsa_desk.services.bedarfsanzeige import CriterionInput
from fsa_desk.store.models import Bedarfsanzeige, BedarfsanzeigeCriterion, FachleistungCase
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import (
    Case,
    complete_input,
    draft,
    open_case,
    record_contacts,
)


@pytest.fixture
def case(store: Store, family: Family) -> Case:
    return open_case(store, family)


def count(store: Store, model: type) -> int:
    with store.read() as session:
        return session.execute(
            select(func.count()).select_from(model).where(model.deleted_hlc.is_(None))
        ).scalar_one()


def test_a_complete_draft_shows_its_total_and_can_be_signed(store: Store, case: Case) -> None:
    anzeige_id = draft(store, case)
    shown = bedarfsanzeige.get(store, anzeige_id, today=TODAY)
    assert shown.total_hours == Decimal("40.5")
    assert not shown.threshold.below
    assert shown.signing_problems == ()
    assert [c.code for c in shown.criteria] == [
        "gesundheit.psyche_trauma",
        "wohnen.wohnungsverlust",
    ]
    assert shown.criteria[1].life_area == "wohnen"  # from the catalogue, not typed in
    bedarfsanzeige.sign(store, anzeige_id, TODAY, TODAY, today=TODAY)
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "unterschrieben"


@pytest.mark.parametrize(
    ("hours", "below"),
    [("34.99", True), ("35", False), ("0", True), ("35.01", False)],
)
def test_the_35_hour_threshold_warns_with_its_reason(hours: str, below: bool) -> None:
    check = bedarfsanzeige.live_total({"gesundheit": Decimal(hours)})
    assert check.below is below
    if below:
        assert check.warning is not None
        assert "35" in check.warning
        assert "Sozialamt" in check.warning  # the reason: the Amt decides, and may refuse


def test_below_the_threshold_is_a_warning_not_a_block(store: Store, case: Case) -> None:
    anzeige_id = draft(store, case, hours={"familie": Decimal(20)})
    shown = bedarfsanzeige.get(store, anzeige_id, today=TODAY)
    assert shown.threshold.below
    bedarfsanzeige.sign(store, anzeige_id, TODAY, TODAY, today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, TODAY, today=TODAY)
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "angezeigt"


@pytest.mark.parametrize(
    ("start", "end", "valid"),
    [
        (date(2026, 3, 1), date(2027, 2, 28), True),  # exactly 12 months
        (date(2026, 3, 1), date(2027, 3, 1), False),  # one day more
        (date(2028, 2, 29), date(2029, 2, 28), True),  # leap day: the year ends on 28 Feb
        (date(2028, 2, 29), date(2029, 3, 1), False),
        (date(2026, 1, 31), date(2027, 1, 30), True),  # month end
        (date(2026, 12, 15), date(2026, 12, 1), False),  # ends before it begins
    ],
)
def test_the_requested_period_is_at_most_12_months(
    store: Store, case: Case, start: date, end: date, valid: bool
) -> None:
    if valid:
        draft(store, case, period_from=start, period_to=end)
        assert count(store, Bedarfsanzeige) == 1
        return
    with pytest.raises(ValidationError) as raised:
        draft(store, case, period_from=start, period_to=end)
    assert "12 Monate" in str(raised.value) or "bevor er beginnt" in str(raised.value)
    assert count(store, Bedarfsanzeige) == 0


def test_bad_input_gives_one_german_message_and_writes_nothing(store: Store, case: Case) -> None:
    with pytest.raises(ValidationError) as raised:
        draft(
            store,
            case,
            criteria=(CriterionInput("gesundheit.schnupfen", "x"),),
            hours={"gesundheit": Decimal(-1)},
        )
    message = str(raised.value)
    assert "Kriterienkatalog" in message
    assert "negativ" in message
    assert count(store, Bedarfsanzeige) == 0
    assert count(store, BedarfsanzeigeCriterion) == 0


def test_an_incomplete_draft_lists_what_is_missing_before_signing(store: Store, case: Case) -> None:
    anzeige_id = draft(
        store,
        case,
        criteria=(),
        situation_client=None,
        client_view_missing_reason=None,
        consent_id=None,
    )
    problems = bedarfsanzeige.get(store, anzeige_id, today=TODAY).signing_problems
    assert any("Kriterium" in p for p in problems)
    assert any("eigenen Worten" in p for p in problems)
    assert any("Schweigepflichtentbindung" in p for p in problems)
    with pytest.raises(ValidationError):
        bedarfsanzeige.sign(store, anzeige_id, TODAY, TODAY, today=TODAY)
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "entwurf"


def test_the_client_view_may_be_missing_with_its_reason(store: Store, case: Case) -> None:
    anzeige_id = draft(
        store,
        case,
        situation_client=None,
        client_view_missing_reason="keine Sprachmittlung verfügbar",
    )
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).signing_problems == ()
    preview = fachleistung_documents.bedarfsanzeige_preview(store, anzeige_id, today=TODAY)
    assert "nicht erhoben, weil: keine Sprachmittlung verfügbar" in preview


def test_editing_a_signed_form_takes_it_back_to_draft(store: Store, case: Case) -> None:
    anzeige_id = draft(store, case)
    bedarfsanzeige.sign(store, anzeige_id, TODAY, TODAY, today=TODAY)
    bedarfsanzeige.update(store, anzeige_id, complete_input(case, goals="Neu"), today=TODAY)
    shown = bedarfsanzeige.get(store, anzeige_id, today=TODAY)
    assert (shown.status, shown.signed_client_on, shown.data.goals) == ("entwurf", None, "Neu")


def test_the_full_workflow_keeps_dates_and_the_case_history(store: Store, case: Case) -> None:
    anzeige_id = draft(store, case)
    bedarfsanzeige.sign(store, anzeige_id, date(2026, 10, 1), date(2026, 10, 1), today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, date(2026, 10, 2), today=TODAY)
    bedarfsanzeige.confirm_receipt(store, anzeige_id, date(2026, 10, 5), today=TODAY)
    bedarfsanzeige.rueckfrage(
        store, anzeige_id, date(2026, 10, 20), "Bitte Arztbrief nachreichen", today=TODAY
    )
    bedarfsanzeige.answer_rueckfrage(store, anzeige_id, date(2026, 10, 27), "Arztbrief gefaxt")
    bedarfsanzeige.refuse(store, anzeige_id, date(2026, 11, 10), today=TODAY)
    shown = bedarfsanzeige.get(store, anzeige_id, today=TODAY)
    assert (shown.status, shown.sent_on, shown.received_on, shown.decided_on) == (
        "abgelehnt",
        date(2026, 10, 2),
        date(2026, 10, 5),
        date(2026, 11, 10),
    )
    history = fachleistung.status_history(store, case.case_id)
    assert [h.status for h in history] == [
        "vorbereitung",
        "angezeigt",
        "rueckfrage",
        "angezeigt",
        "abgelehnt",
    ]
    assert "Arztbrief nachreichen" in (history[2].comment or "")


def test_sending_before_signing_or_receiving_before_sending_is_refused(
    store: Store, case: Case
) -> None:
    anzeige_id = draft(store, case)
    with pytest.raises(ValidationError, match="unterschriebene"):
        bedarfsanzeige.send(store, anzeige_id, TODAY, today=TODAY)
    bedarfsanzeige.sign(store, anzeige_id, date(2026, 11, 10), date(2026, 11, 10), today=TODAY)
    with pytest.raises(ValidationError):
        bedarfsanzeige.send(
            store, anzeige_id, date(2026, 11, 12), received_on=date(2026, 11, 11), today=TODAY
        )
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "unterschrieben"


def test_a_submitted_form_is_read_only_and_a_new_version_replaces_it(
    store: Store, case: Case
) -> None:
    first = draft(store, case)
    bedarfsanzeige.sign(store, first, TODAY, TODAY, today=TODAY)
    bedarfsanzeige.send(store, first, TODAY, today=TODAY)
    with pytest.raises(InputRejected, match="neue Version"):
        bedarfsanzeige.update(store, first, complete_input(case, goals="anders"), today=TODAY)
    second = bedarfsanzeige.new_version(store, first)
    copy = bedarfsanzeige.get(store, second, today=TODAY)
    assert (copy.version, copy.replaces_id, copy.status) == (2, first, "entwurf")
    assert copy.total_hours == Decimal("40.5")
    assert len(copy.criteria) == 2
    bedarfsanzeige.update(store, second, complete_input(case, goals="anders"), today=TODAY)
    bedarfsanzeige.sign(store, second, TODAY, TODAY, today=TODAY)
    bedarfsanzeige.send(store, second, TODAY, today=TODAY)
    assert bedarfsanzeige.get(store, first, today=TODAY).status == "ersetzt"
    preview = fachleistung_documents.bedarfsanzeige_preview(store, second, today=TODAY)
    assert "ersetzt Version 1" in preview


def test_withdrawing_is_possible_until_the_decision(store: Store, case: Case) -> None:
    anzeige_id = draft(store, case)
    bedarfsanzeige.withdraw(store, anzeige_id, TODAY, "Klientin zieht um")
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "zurueckgezogen"
    with pytest.raises(InputRejected):
        bedarfsanzeige.withdraw(store, anzeige_id, TODAY)
    with store.read() as session:
        assert session.get(FachleistungCase, case.case_id).status == "zurueckgezogen"  # type: ignore[union-attr]


def test_a_revoked_consent_blocks_signing_and_the_form(store: Store, case: Case) -> None:
    anzeige_id = draft(store, case)
    fachleistung.revoke_consent(store, case.consent_id, date(2026, 11, 1))
    with pytest.raises(ValidationError, match="Fachleistung beenden"):
        bedarfsanzeige.sign(store, anzeige_id, TODAY, TODAY, today=TODAY)
    with pytest.raises(InputRejected, match="widerrufen"):
        fachleistung_documents.bedarfsanzeige_pdf(store, anzeige_id, today=TODAY)


def test_refusing_consent_must_be_explained_first(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError, match="nicht beendet"):
        fachleistung.record_consent(
            store,
            fachleistung.ConsentInput(family.mother.id, TODAY, refusal_explained=False),
            today=TODAY,
        )


def test_plausibility_shows_six_months_of_documented_hours_and_earlier_approvals(
    store: Store, family: Family
) -> None:
    record_contacts(
        store,
        family,
        [date(2026, 4, 30), date(2026, 5, 4), date(2026, 7, 31), date(2026, 7, 1), TODAY],
        minutes=45,
    )
    case = open_case(store, family)
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case.case_id, "50.2-FL-2025-0001", date(2025, 6, 1), date(2025, 11, 30), Decimal(30)
        ),
        today=TODAY,
    )
    anzeige_id = draft(store, case, kind="verlaengerung")
    checks = fachleistung_documents.plausibility(store, anzeige_id, today=TODAY)
    assert [m for m, _h in checks.months] == [
        "2026-05",
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
    ]  # the six complete months before November; April and today's contact are outside
    assert [h for _m, h in checks.months] == [
        Decimal("0.75"),
        Decimal(0),
        Decimal("1.5"),
        Decimal(0),
        Decimal(0),
        Decimal(0),
    ]
    assert checks.yearly_pace == Decimal("4.5")
    [earlier] = checks.approvals
    assert (earlier.aktenzeichen, earlier.approved, earlier.used) == (
        "50.2-FL-2025-0001",
        Decimal(30),
        Decimal(0),
    )
