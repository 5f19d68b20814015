"""Same-person scoring, tuned on labelled name pairs, and the review queue's decisions."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.errors import InputRejected
from fsa_desk.services import duplicate_review, households, persons
from fsa_desk.services.duplicate_review import THRESHOLD, PersonFacts, score_pair
from tests.sync.teams import Team, sync_team, team_template

__all__ = ["sync_team", "team_template"]

PAIRS = Path(__file__).parent / "data" / "duplicate_pairs.csv"


def _labelled() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _facts(row: dict[str, str], side: str) -> PersonFacts:
    birth = PartialDate.parse(row[f"birth_{side}"])
    return PersonFacts(row[f"family_{side}"], row[f"given_{side}"], birth=birth)


@pytest.mark.parametrize("row", _labelled(), ids=lambda r: r["why"])
def test_labelled_pairs_are_told_apart(row: dict[str, str]) -> None:
    score = score_pair(_facts(row, "a"), _facts(row, "b"))
    assert (score.value >= THRESHOLD) == (row["same"] == "1"), score


def test_the_threshold_leaves_a_margin_on_both_sides() -> None:
    same = [
        score_pair(_facts(r, "a"), _facts(r, "b")).value for r in _labelled() if r["same"] == "1"
    ]
    other = [
        score_pair(_facts(r, "a"), _facts(r, "b")).value for r in _labelled() if r["same"] == "0"
    ]
    assert min(same) - THRESHOLD >= 5 and THRESHOLD - max(other) >= 5


def test_a_shared_phone_number_counts() -> None:
    a = PersonFacts("Haddad", "Mohammad", phone="0176 1234 5678")
    b = PersonFacts("Hadad", "Muhammed", phone="+49 176 12345678")
    assert "phone" in score_pair(a, b).reasons
    assert score_pair(a, b).value >= THRESHOLD


def _entered_twice(team: Team) -> None:
    for code, given in (("B1", "Mohammad"), ("B2", "Muhammed")):
        store = team[code]
        household = households.create_household(store, households.NewHousehold(f"{code}-1"))
        data = persons.PersonData("Haddad", given, birth=PartialDate(1985))
        persons.create_person(
            store, data, household.id, "haushaltsvorstand", today=date(2026, 1, 1)
        )
        team.import_(team.export(code, code))


def test_same_person_is_a_reversible_link(sync_team: Team) -> None:
    _entered_twice(sync_team)
    [candidate] = duplicate_review.open_candidates(sync_team.lead)
    link = duplicate_review.mark_same(sync_team.lead, candidate.id)
    assert duplicate_review.open_candidates(sync_team.lead) == []
    with pytest.raises(InputRejected):
        duplicate_review.mark_not_same(sync_team.lead, candidate.id)
    duplicate_review.undo(sync_team.lead, link)
    assert [c.id for c in duplicate_review.open_candidates(sync_team.lead)] == [candidate.id]


def test_not_the_same_is_remembered(sync_team: Team) -> None:
    _entered_twice(sync_team)
    [candidate] = duplicate_review.open_candidates(sync_team.lead)
    duplicate_review.mark_not_same(sync_team.lead, candidate.id)
    households.create_household(sync_team["B1"], households.NewHousehold("B1-2"))
    sync_team.import_(sync_team.export("B1", "again", full=True))
    assert duplicate_review.open_candidates(sync_team.lead) == []
