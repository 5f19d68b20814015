"""The "Parallele Änderungen" list refuses what is not a decision."""

from __future__ import annotations

import pytest

from fsa_desk.errors import InputRejected
from fsa_desk.services import conflicts
from tests.sync.teams import Team, sync_team, team_template

__all__ = ["sync_team", "team_template"]


def test_an_empty_list_and_unknown_conflicts(sync_team: Team) -> None:
    assert conflicts.open_conflicts(sync_team.lead) == []
    assert conflicts.count_open(sync_team.lead) == 0
    with pytest.raises(InputRejected):
        conflicts.decide(sync_team.lead, 1, "a")
    with pytest.raises(InputRejected):
        conflicts.decide(sync_team.lead, 1, "c")
    with pytest.raises(InputRejected):
        conflicts.reveal_notes(sync_team.lead, 1, "Grund")
