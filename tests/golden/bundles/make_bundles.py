"""Write the golden bundles of the current bundle format (run once per released format).

    .venv/bin/python tests/golden/bundles/make_bundles.py

Synthetic data only. Beside the bundles: the team file, the counsellor's device card, the
recovery identity and the counsellor's identity (test keys, nothing else opens with them), and
``expected.json`` with what each bundle must do when imported in order.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.conftest import TEST_KEY  # noqa: E402
from tests.sync.teams import add_consultation  # noqa: E402

from fsa_desk.services import households, persons, sync_export, sync_import  # noqa: E402
from fsa_desk.services.handover import write_handover  # noqa: E402
from fsa_desk.services.installation import NewInstallation, initialise  # noqa: E402
from fsa_desk.services.team import create_team, enrol, join_team, write_own_card  # noqa: E402
from fsa_desk.services.team_index import write_index  # noqa: E402
from fsa_desk.store.changelog import tombstone  # noqa: E402
from fsa_desk.store.models import Person  # noqa: E402
from fsa_desk.store.store import Store, open_store  # noqa: E402
from fsa_desk.sync.manifest import FORMAT  # noqa: E402


def main() -> None:
    target = HERE / f"format-{FORMAT}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    work = Path(tempfile.mkdtemp())
    try:
        _write(work, target)
    finally:
        shutil.rmtree(work)
    print(f"wrote {target}")


def _write(work: Path, target: Path) -> None:
    initialise(work / "lead", TEST_KEY, NewInstallation("Golda Leitung", "GL", "lead", "Golden"))
    initialise(work / "b1", TEST_KEY, NewInstallation("Gerd Gold", "G1", "counsellor", "Golden"))
    with open_store(work / "lead", TEST_KEY) as lead, open_store(work / "b1", TEST_KEY) as b1:
        create_team(lead, target / "team.json", target / "recovery.key")
        join_team(b1, target / "team.json")
        write_own_card(b1, target / "counsellor.card")
        enrol(lead, target / "counsellor.card")
        assert b1.installation is not None
        (target / "counsellor.key").write_text(b1.installation.age_identity + "\n")
        files = _counsellor_bundles(b1, target)
        summary = sync_import.import_bundles(lead, [target / name for name in files])
        assert not summary.any_rejected
        expected = [_expected(result) for result in summary.bundles]
        write_handover(
            lead, ["G1-2024-001"], target / "counsellor.card", target / "4-handover.fsabundle"
        )
        write_index(lead, target / "5-index.fsabundle")
    expected += [
        {"file": "4-handover.fsabundle", "kind": "handover", "status": "applied", "to": "G1"},
        {"file": "5-index.fsabundle", "kind": "index", "status": "applied", "to": "G1"},
    ]
    (target / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


def _counsellor_bundles(b1: Store, target: Path) -> list[str]:
    household = households.create_household(
        b1, households.NewHousehold("G1-2024-001", allocation_date=date(2024, 2, 29))
    )
    data = persons.PersonData("Haddad", "Rania")
    mother = persons.create_person(b1, data, household.id, "haushaltsvorstand")
    persons.create_person(b1, persons.PersonData("Haddad", "Omar"), household.id, "kind")
    add_consultation(b1, note="Synthetischer Testeintrag", household_id=household.id)
    add_consultation(
        b1, note="Vertraulicher Testeintrag", confidential=True, household_id=household.id
    )
    sync_export.export_bundle(b1, target / "1-delta.fsabundle")
    households.set_status(b1, household.id, "ruhend", today=date(2024, 9, 1))
    with b1.transaction() as session:
        person = session.get(Person, mother.id)
        assert person is not None
        person.given_name = "Rana"
    sync_export.export_bundle(b1, target / "2-delta.fsabundle")
    with b1.transaction() as session:
        person = session.get(Person, mother.id)
        assert person is not None
        tombstone(person)
    sync_export.export_bundle(b1, target / "3-full.fsabundle", full=True)
    return ["1-delta.fsabundle", "2-delta.fsabundle", "3-full.fsabundle"]


def _expected(result: sync_import.BundleResult) -> dict[str, object]:
    return {
        "file": Path(result.file).name,
        "kind": result.kind,
        "status": result.status,
        "changes": result.changes,
        "created": result.created,
        "updated": result.updated,
    }


if __name__ == "__main__":
    main()
