"""At a team lead an Abrechnung is locked only when every counsellor's hours of the period have
arrived and no parallel change waits for a decision."""

from __future__ import annotations

from datetime import date

import pytest

from fsa_desk.domain.billing import BillingPeriod
from fsa_desk.errors import InputRejected
from fsa_desk.services import abrechnung, conflicts
from tests.sync.teams import Team, add_consultation, sync_team, team_template
from tests.sync.test_merge import Shared, _status, edit, shared

__all__ = ["shared", "sync_team", "team_template"]  # fixtures
MARCH = BillingPeriod.month(2024, 3)
AFTER = date(2024, 5, 2)


def submitted(store: object) -> object:
    row_id = abrechnung.create(store, MARCH)  # type: ignore[arg-type]
    abrechnung.set_status(store, row_id, "geprueft")  # type: ignore[arg-type]
    abrechnung.set_status(store, row_id, "eingereicht", invoice_number="2024-7")  # type: ignore[arg-type]
    return row_id


def test_locking_waits_for_every_counsellors_export_after_the_period(sync_team: Team) -> None:
    row_id = submitted(sync_team.lead)
    with pytest.raises(InputRejected, match="B1, B2, B3"):
        abrechnung.set_status(sync_team.lead, row_id, "gesperrt", today=AFTER)  # type: ignore[arg-type]
    bundles = []
    for code in ("B1", "B2", "B3"):
        add_consultation(sync_team[code])
        bundles.append(sync_team.export(code, f"{code}-1"))
    sync_team.import_(*bundles)
    abrechnung.set_status(sync_team.lead, row_id, "gesperrt", today=AFTER)  # type: ignore[arg-type]


def test_an_installation_without_a_team_locks_as_before(store: object) -> None:
    row_id = submitted(store)
    abrechnung.set_status(store, row_id, "gesperrt", today=AFTER)  # type: ignore[arg-type]


def test_locking_waits_for_parallel_changes_to_be_decided(sync_team: Team, shared: Shared) -> None:
    edit(sync_team["B1"], shared, _status("ruhend"))
    edit(sync_team["B2"], shared, _status("abgeschlossen"))
    bundles = [sync_team.export(code, f"{code}-late") for code in ("B1", "B2", "B3")]
    sync_team.import_(*bundles)
    [conflict] = conflicts.open_conflicts(sync_team.lead)
    row_id = submitted(sync_team.lead)
    with pytest.raises(InputRejected, match="parallele Änderungen"):
        abrechnung.set_status(sync_team.lead, row_id, "gesperrt", today=AFTER)  # type: ignore[arg-type]
    conflicts.decide(sync_team.lead, conflict.id, "a")
    abrechnung.set_status(sync_team.lead, row_id, "gesperrt", today=AFTER)  # type: ignore[arg-type]
