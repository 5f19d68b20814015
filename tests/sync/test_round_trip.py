"""Bundles carry everything exactly once: every exchanged table, re-imports, re-exports, notes."""

from __future__ import annotations

import io
import tarfile
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyrage
import zstandard
from sqlalchemy import Boolean, Date, Integer, Numeric, Table, Uuid, select, text

from fsa_desk.services import households, persons, search_index, sync_import
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.maintenance import check_database
from fsa_desk.services.team import create_team, enrol
from fsa_desk.store.base import Base, Exchanged
from fsa_desk.store.bulk import insert_rows
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import Consultation, Counsellor, Household, Task
from fsa_desk.store.store import Store, exchanged_tables, open_store
from fsa_desk.sync import keys
from fsa_desk.sync.container import read_tar
from fsa_desk.sync.manifest import parse_manifest
from tests.conftest import TEST_KEY
from tests.sync.teams import Team, add_consultation, data_digest, digest


def _models() -> dict[str, type[Exchanged]]:
    return {
        mapper.local_table.name: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Exchanged)
    }


def _sample(table: Table, column: Any, ids: dict[str, uuid.UUID]) -> object:
    if column.foreign_keys:
        return ids.get(next(iter(column.foreign_keys)).column.table.name)  # None: itself
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.uuid4()
    if isinstance(kind, Boolean):
        return column.name != "confidential"
    if isinstance(kind, Integer):
        return 7
    if isinstance(kind, Date):
        return date(2024, 3, 4)
    if isinstance(kind, Numeric):
        return Decimal("1.50")
    return f'{table.name}.{column.name} – ä/"x"\n'


def fill_every_table(store: Store) -> dict[str, uuid.UUID]:
    """One row in every exchanged table with every field set, then an edit and a deletion."""
    models, ids = _models(), {}
    with store.transaction() as session:
        for table in exchanged_tables():
            row = {
                column.name: _sample(table, column, ids)
                for column in table.columns
                if column.name not in {"id", "created_hlc", "updated_hlc", "origin_device"}
                and column.name != "deleted_hlc"
            }
            ids[table.name] = insert_rows(session, models[table.name], [row])[0]
    with store.transaction() as session:
        household = session.get(Household, ids["household"])
        assert household is not None
        household.household_ref = "B1-2024-007"
        task = session.get(Task, ids["task"])
        assert task is not None
        tombstone(task)
    return ids


def _rows(store: Store, table: str, row_id: uuid.UUID) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        query = text(f'SELECT * FROM "{table}" WHERE id = :id')
        return [tuple(row) for row in connection.execute(query, {"id": row_id.hex})]


def test_every_exchanged_table_arrives_at_the_lead_exactly(sync_team: Team) -> None:
    ids = fill_every_table(sync_team["B1"])
    summary = sync_team.import_(sync_team.export("B1", "full", full=True))
    assert summary.bundles[0].status == sync_import.APPLIED
    for table in exchanged_tables():
        counsellor_rows = _rows(sync_team["B1"], table.name, ids[table.name])
        assert counsellor_rows, table.name
        assert _rows(sync_team.lead, table.name, ids[table.name]) == counsellor_rows, table.name
    assert check_database(sync_team.lead) == []


def test_a_deletion_and_an_edit_travel_as_changes(sync_team: Team) -> None:
    ids = fill_every_table(sync_team["B1"])
    sync_team.import_(sync_team.export("B1", "one"))
    with sync_team.lead.read() as session:
        household = session.get(Household, ids["household"])
        task = session.get(Task, ids["task"])
        assert household is not None and household.household_ref == "B1-2024-007"
        assert task is not None and task.deleted_hlc is not None


def test_reimporting_a_bundle_changes_nothing(sync_team: Team) -> None:
    fill_every_table(sync_team["B1"])
    bundle = sync_team.export("B1", "one")
    sync_team.import_(bundle)
    before = digest(sync_team.lead)
    again = sync_team.import_(bundle, bundle)
    assert [b.status for b in again.bundles] == [sync_import.ALREADY] * 2
    assert digest(sync_team.lead) == before
    assert again.backup is None  # nothing to apply, nothing to back up


def test_full_re_export_adds_nothing(sync_team: Team) -> None:
    fill_every_table(sync_team["B1"])
    sync_team.import_(sync_team.export("B1", "first"))
    before = data_digest(sync_team.lead)
    full = sync_team.import_(sync_team.export("B1", "full", full=True))
    assert full.bundles[0].status == sync_import.ALREADY
    assert full.bundles[0].changes == 0
    assert data_digest(sync_team.lead) == before


def test_delta_carries_only_changes_made_since_the_last_export(sync_team: Team) -> None:
    store = sync_team["B1"]
    household = households.create_household(store, households.NewHousehold("B1-1"))
    first = sync_team.export("B1", "first")
    households.set_status(store, household.id, "ruhend")
    second = sync_team.export("B1", "second")
    summary = sync_team.import_(first, second)
    assert [b.sequence for b in summary.bundles] == [1, 2]
    assert summary.bundles[1].changes == 1  # the status; status_since is still today
    assert households.get_household(sync_team.lead, household.id).status == "ruhend"


def test_bundles_of_one_device_apply_in_either_order(sync_team: Team) -> None:
    store = sync_team["B1"]
    household = households.create_household(store, households.NewHousehold("B1-1"))
    first = sync_team.export("B1", "first")
    persons.create_person(store, persons.PersonData("Haddad", "Rania"), household.id, "kind")
    second = sync_team.export("B1", "second")
    early = sync_team.import_(second)
    assert early.bundles[0].waiting > 0  # the membership waits for its household
    assert early.missing[0].sequences == [1]
    late = sync_team.import_(first)
    assert late.bundles[0].waiting == 0
    assert late.missing == []
    assert search_index.search(sync_team.lead, "Haddad")[0].household_ref == "B1-1"
    assert check_database(sync_team.lead) == []


def test_vertraulich_note_stays_on_the_laptop(sync_team: Team) -> None:
    store = sync_team["B1"]
    consultation_id = add_consultation(store, note="Gewalt in der Familie", confidential=True)
    bundle = sync_team.export("B1", "one")
    sync_team.import_(bundle)
    with sync_team.lead.read() as session:
        consultation = session.get(Consultation, consultation_id)
        assert consultation is not None
        assert consultation.confidential is True
        assert consultation.note is None
    assert "Gewalt" not in _plain_payload(bundle, sync_team.recovery_key)
    assert check_database(sync_team.lead) == []


def test_note_follows_once_vertraulich_is_lifted(sync_team: Team) -> None:
    store = sync_team["B1"]
    consultation_id = add_consultation(store, note="Antrag besprochen", confidential=True)
    sync_team.import_(sync_team.export("B1", "one"))
    with store.transaction() as session:
        consultation = session.get(Consultation, consultation_id)
        assert consultation is not None
        consultation.confidential = False
    sync_team.import_(sync_team.export("B1", "two"))
    with sync_team.lead.read() as session:
        consultation = session.get(Consultation, consultation_id)
        assert consultation is not None and consultation.note == "Antrag besprochen"


def _plain_payload(bundle: Path, recovery_key: Path) -> str:
    identities = keys.identities_in_file(recovery_key.read_text())
    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(identities[0])])
    payload = dict(read_tar(bytes(plain)))["changes.jsonl.zst"]
    return zstandard.ZstdDecompressor().stream_reader(payload).read().decode()


def test_recovery_key_opens_a_bundle_with_standard_tools_alone(sync_team: Team) -> None:
    """``age -d -i recovery.key X.fsabundle | tar -x``: pyrage with only the identity file, and
    Python's own tarfile."""
    households.create_household(sync_team["B1"], households.NewHousehold("B1-1"))
    bundle = sync_team.export("B1", "one")
    identity_file = sync_team.recovery_key.read_text()
    assert identity_file.startswith("# created: ")
    secret = next(line for line in identity_file.splitlines() if not line.startswith("#"))
    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(secret)])
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as archive:
        names = archive.getnames()
        manifest = archive.extractfile("manifest.json")
        assert manifest is not None
        parsed = parse_manifest(manifest.read())
    assert names == ["manifest.json", "manifest.sig", "changes.jsonl.zst"]
    assert parsed.kind == "delta" and parsed.counts["household"] > 0


def test_a_new_lead_imports_with_the_recovery_key_when_the_old_key_is_lost(
    sync_team: Team, tmp_path: Path
) -> None:
    households.create_household(sync_team["B1"], households.NewHousehold("B1-1"))
    bundle = sync_team.export("B1", "one")
    root = tmp_path / "new-lead"
    initialise(root, TEST_KEY, NewInstallation("Neue Leitung", "L2", "lead", "Ausländerrat"))
    with open_store(root, TEST_KEY) as new_lead:
        create_team(new_lead, tmp_path / "new-team.json", tmp_path / "new-recovery.key")
        enrol(new_lead, sync_team.card("B1"))
        without = sync_import.import_bundles(new_lead, [bundle])
        assert without.bundles[0].reason_code == "not_addressed"
        summary = sync_import.import_bundles(
            new_lead, [bundle], identity_files=[sync_team.recovery_key]
        )
        assert summary.bundles[0].status == sync_import.APPLIED
        with new_lead.read() as session:
            assert session.scalars(select(Household.household_ref)).all() == ["B1-1"]


def test_the_lead_clock_moves_past_imported_changes(sync_team: Team) -> None:
    households.create_household(sync_team["B1"], households.NewHousehold("B1-1"))
    sync_team.import_(sync_team.export("B1", "one"))
    with sync_team["B1"].read() as session:
        newest = session.scalar(text("SELECT max(hlc) FROM change_log"))
    assert sync_team.lead.clock.tick()[:18] > newest[:18]


def test_the_counsellor_row_of_the_exporter_travels_first(sync_team: Team) -> None:
    sync_team.import_(sync_team.export("B1", "one"))
    with sync_team.lead.read() as session:
        codes = set(session.scalars(select(Counsellor.code)))
    assert codes == {"L1", "B1"}
