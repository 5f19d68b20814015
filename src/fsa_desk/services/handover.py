"""Handover: the lead passes chosen households' full data to one counsellor (DESIGN.md §5).

For a Vertretung or a change of counsellor. The bundle carries every logged change of the
households and of everything that belongs to them — members and their histories, addresses,
consultations, deadlines, tasks, Fachleistung cases with their forms — plus the counsellor rows
they refer to, in the original changes of whoever made them (only a lead may sign such a
bundle). Vertraulich notes never reach the lead, so they are never handed over either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Table, select, text
from sqlalchemy.orm import Session

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.services.sync_export import write_lead_bundle
from fsa_desk.services.team import installation_of, preview_card
from fsa_desk.store.models import Household, SyncDevice
from fsa_desk.store.store import Store, exchanged_tables
from fsa_desk.sync import collect
from fsa_desk.sync.payload import PayloadBuilder

SHARED_TABLES = frozenset({"counsellor"})  # referenced by a household, never handed over whole
# Links that belong to the other side: a person's membership in another household, their
# presence at another household's consultation, their part in another household's case.
NOT_OWNED_BY_PERSON = frozenset(
    {
        "membership",
        "consultation_person",
        "case_person",
        "bescheid",
        "referral",
        "welcome_checklist_item",
        "integrationsplan",
    }
)
NOT_OWNED_LINKS = frozenset({"group_offer_household", "abrechnung_line"})


@dataclass(frozen=True)
class HandoverSummary:
    file: Path
    households: list[str]
    to_code: str
    changes: int
    counts: dict[str, int]


def write_handover(
    store: Store, household_refs: list[str], card: Path, output: Path
) -> HandoverSummary:
    """Lead: a bundle with the full data of ``household_refs`` for the counsellor of ``card``."""
    if installation_of(store).role != "lead":
        raise UsageError(_("Only a lead's installation writes handover bundles."))
    receiver = preview_card(store, card)
    if not receiver.enrolled or receiver.revoked:
        raise UsageError(_("Enrol this device card first; handovers go only to enrolled devices."))
    with store.read() as session:
        device = session.get(SyncDevice, receiver.card.device_id)
        assert device is not None
        connection = session.connection()
        households = _households(session, household_refs)
        rows = household_rows(connection, households)
        builder = PayloadBuilder()
        for table, hlc, line in collect.row_changes(connection, rows):
            builder.add(table, hlc, line)
    sealed = write_lead_bundle(store, "handover", builder, (device.age_recipient,), output)
    return HandoverSummary(
        output,
        sorted(household_refs),
        device.code,
        sealed.manifest.line_count,
        dict(sealed.manifest.counts),
    )


def _households(session: Session, refs: list[str]) -> list[str]:
    found: list[str] = []
    for ref in refs:
        query = select(Household.id).where(
            Household.household_ref == ref, Household.deleted_hlc.is_(None)
        )
        ids = session.scalars(query).all()
        if not ids:
            raise UsageError(_("No household has the reference {ref}.").format(ref=ref))
        found.extend(household_id.hex for household_id in ids)
    return found


def household_rows(connection: Connection, households: list[str]) -> dict[str, list[str]]:
    """Ids (hex) per table of everything that belongs to the households, and what they cite."""
    tables = {table.name: table for table in exchanged_tables()}
    owned: dict[str, set[str]] = {"household": set(households)}
    cited: dict[str, set[str]] = {}
    while True:
        grown = _add_children(connection, tables, owned) + _add_parents(
            connection, tables, owned, cited
        )
        if not grown:
            break
    for table, ids in cited.items():
        owned.setdefault(table, set()).update(ids)
    return {table: sorted(ids) for table, ids in owned.items() if ids}


def _add_children(
    connection: Connection, tables: dict[str, Table], owned: dict[str, set[str]]
) -> int:
    """Rows that point at owned rows and belong with them."""
    grown = 0
    for table in tables.values():
        if table.name in NOT_OWNED_LINKS:
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent == "person" and table.name in NOT_OWNED_BY_PERSON:
                continue
            parents = owned.get(parent)
            if not parents or parent in SHARED_TABLES:
                continue
            found = _ids_where(connection, table.name, fk.parent.name, parents)
            grown += _merge(owned, table.name, found)
    return grown


def _add_parents(
    connection: Connection,
    tables: dict[str, Table],
    owned: dict[str, set[str]],
    cited: dict[str, set[str]],
) -> int:
    """The rows owned rows refer to: owned too, except shared ones (counsellors), only cited."""
    grown = 0
    for name, ids in list(owned.items()):
        for fk in tables[name].foreign_keys:
            parent = fk.column.table.name
            found = _values(connection, name, fk.parent.name, ids)
            if parent in SHARED_TABLES:
                _merge(cited, parent, found)
            else:
                grown += _merge(owned, parent, found)
    return grown


def _merge(target: dict[str, set[str]], table: str, found: set[str]) -> int:
    known = target.setdefault(table, set())
    new = found - known
    known |= new
    return len(new)


def _ids_where(connection: Connection, table: str, column: str, values: set[str]) -> set[str]:
    return _select(connection, f'SELECT id FROM "{table}" WHERE "{column}" IN', values)


def _values(connection: Connection, table: str, column: str, ids: set[str]) -> set[str]:
    query = f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND id IN'
    return _select(connection, query, ids)


def _select(connection: Connection, prefix: str, values: set[str]) -> set[str]:
    found: set[str] = set()
    ordered = sorted(values)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        names = ", ".join(f":v{n}" for n in range(len(chunk)))
        params = {f"v{n}": value for n, value in enumerate(chunk)}
        found.update(
            str(v) for v in connection.execute(text(f"{prefix} ({names})"), params).scalars()
        )
    return found
