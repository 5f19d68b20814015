"""Matching spreadsheet counsellor codes and household rows against the store.

Households are found by their identity and also by their reference, since counsellors enter
households by hand, too; person and consultation rows find their household here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list, region_of_district
from fsa_desk.domain.spreadsheet_header import FileKind
from fsa_desk.domain.spreadsheet_rows import (
    HouseholdRow,
    Source,
    counsellor_identity,
    household_identity,
    part_identity,
)
from fsa_desk.i18n import _
from fsa_desk.services.spreadsheet_resolution import (
    HouseholdTarget,
    ImportContext,
    Resolution,
    changed,
)
from fsa_desk.store.models import Address, Counsellor, Household

StoredHousehold = tuple[uuid.UUID, date | None, uuid.UUID | None]  # id, allocation, counsellor


class HouseholdResolver:
    """Counsellors and households of one import, and the household each row refers to."""

    def __init__(
        self,
        session: Session,
        context: ImportContext,
        result: Resolution,
        announced: frozenset[str] = frozenset(),
    ) -> None:
        self.session = session
        self.context = context
        self.result = result
        self._announced = announced  # their rows have problems of their own
        self.counsellors: dict[str, uuid.UUID] = {}
        self.targets: dict[str, HouseholdTarget] = {}
        self._by_ref: dict[str, list[StoredHousehold]] = {}
        self._deleted: set[uuid.UUID] = set()
        self._load_households()

    # --- counsellors -----------------------------------------------------------------------

    def resolve_counsellors(self, codes: Iterable[str]) -> None:
        """Known codes (in any case) to their counsellor; unknown ones become new counsellors."""
        query = select(Counsellor.id, Counsellor.code).where(Counsellor.deleted_hlc.is_(None))
        for counsellor_id, code in self.session.execute(query):
            self.counsellors.setdefault(code.casefold(), counsellor_id)
        for code in codes:
            if code.casefold() not in self.counsellors:
                self._new_counsellor(code)

    def _new_counsellor(self, code: str) -> None:
        counsellor_id = counsellor_identity(self.context.provider, code)
        self.counsellors[code.casefold()] = counsellor_id
        row = {"id": counsellor_id, "name": code, "code": code, "provider": self.context.provider}
        self.result.writes.insert(Counsellor, row)
        self.result.new_counsellors.append(code)
        self.result.created["counsellors"] += 1

    def counsellor(self, code: str | None) -> uuid.UUID:
        """The counsellor of a code; an empty code means this installation's counsellor."""
        return self.counsellors[code.casefold()] if code else self.context.counsellor_id

    # --- households ------------------------------------------------------------------------

    def _load_households(self) -> None:
        query = select(
            Household.id,
            Household.household_ref,
            Household.allocation_date,
            Household.counsellor_id,
            Household.deleted_hlc,
        )
        for row_id, ref, allocation, counsellor_id, deleted in self.session.execute(query):
            if deleted is not None:
                self._deleted.add(row_id)
            else:
                self._by_ref.setdefault(ref, []).append((row_id, allocation, counsellor_id))

    def resolve_households(self, rows: Sequence[HouseholdRow]) -> None:
        addresses = _Addresses(self.session)
        first: dict[str, Source] = {}
        for row in rows:
            if row.household_ref in first:
                message = _("Duplicate row: household '{ref}' is already on {place}.")
                place = first[row.household_ref]
                self.result.problem(
                    row.source, "household_ref", message.format(ref=row.household_ref, place=place)
                )
                continue
            first[row.household_ref] = row.source
            self._household(row, addresses)

    def _household(self, row: HouseholdRow, addresses: _Addresses) -> None:
        stored = self._stored(row.household_ref, row.source)
        if stored is None:
            self._new_household(row)
            return
        household_id, allocation, counsellor_id = stored
        target = HouseholdTarget(household_id, allocation)
        self.targets[row.household_ref] = target
        self.result.saw(FileKind.HOUSEHOLDS, household_id)
        self.result.households.add(household_id)
        code = row.counsellor_code
        wanted = {
            "allocation_date": row.allocation_date,
            "counsellor_id": self.counsellor(code) if code else None,
        }
        updates = changed({"allocation_date": allocation, "counsellor_id": counsellor_id}, wanted)
        self.result.writes.update(Household, household_id, updates)
        if "allocation_date" in updates:
            target.allocation_date = row.allocation_date
            self.result.writes.recompute.add(household_id)
        moved = addresses.set_district(self.result, household_id, row.district)
        self.result.updated["households"] += bool(updates or moved)

    def _new_household(self, row: HouseholdRow) -> None:
        household_id = household_identity(self.context.provider, row.household_ref)
        target = HouseholdTarget(household_id, row.allocation_date, household_id in self._deleted)
        self.targets[row.household_ref] = target
        self.result.saw(FileKind.HOUSEHOLDS, household_id)
        self.result.households.add(household_id)
        if target.deleted:
            self.result.kept_deleted["households"] += 1
            return
        household = {
            "id": household_id,
            "household_ref": row.household_ref,
            "provider": self.context.provider,
            "status_since": self.context.today,
            "allocation_date": row.allocation_date,
            "counsellor_id": self.counsellor(row.counsellor_code),
        }
        self.result.writes.insert(Household, household)
        if row.district:
            self.result.writes.insert(Address, _address_row(household_id, row.district))
        self.result.created["households"] += 1

    def _stored(self, ref: str, source: Source) -> StoredHousehold | None:
        """The live household with this reference; the import's own one if there are several."""
        candidates = self._by_ref.get(ref, [])
        if len(candidates) > 1:
            own = household_identity(self.context.provider, ref)
            candidates = [c for c in candidates if c[0] == own] or candidates
        if len(candidates) > 1:
            message = _("{count} households in the database carry the reference '{ref}'.")
            self.result.problem(
                source, "household_ref", message.format(count=len(candidates), ref=ref)
            )
        return candidates[0] if candidates else None

    def target(self, ref: str, source: Source) -> HouseholdTarget | None:
        """The household a person or consultation row belongs to; a problem if there is none."""
        if ref not in self.targets:
            stored = self._stored(ref, source)
            if stored is None and ref in self._announced:
                return None
            if stored is None:
                message = _(
                    "Unknown household '{ref}': it is neither in a household file "
                    "nor in the database."
                )
                self.result.problem(source, "household_ref", message.format(ref=ref))
                return None
            self.targets[ref] = HouseholdTarget(stored[0], stored[1])
            self.result.households.add(stored[0])
        return self.targets[ref]


class MemberRows:
    """Base of the matchers for rows that belong to a household: persons, consultations."""

    def __init__(self, households: HouseholdResolver) -> None:
        self.households = households
        self.session = households.session
        self.result = households.result


class _Addresses:
    """The district goes into the import's own address record; addresses typed by hand stay."""

    def __init__(self, session: Session) -> None:
        query = select(Address.id, Address.household_id, Address.district).where(
            Address.deleted_hlc.is_(None)
        )
        self.districts: dict[uuid.UUID, str | None] = {}
        self.households: set[uuid.UUID] = set()
        for row_id, household_id, district in session.execute(query):
            self.districts[row_id] = district
            self.households.add(household_id)

    def set_district(
        self, result: Resolution, household_id: uuid.UUID, district: str | None
    ) -> bool:
        """Whether the household's district changes."""
        if district is None:
            return False
        wanted = _address_row(household_id, district)
        if wanted["id"] in self.districts:
            stored = {"district": self.districts[wanted["id"]]}
            values = changed(stored, {"district": wanted["district"]})
            if values:
                values["region"] = wanted["region"]
            result.writes.update(Address, wanted["id"], values)
            return bool(values)
        if household_id in self.households:
            return False
        result.writes.insert(Address, wanted)
        return True


def _address_row(household_id: uuid.UUID, district: str) -> dict[str, Any]:
    known = code_list("districts").lookup(district)
    return {
        "id": part_identity(household_id, "address"),
        "household_id": household_id,
        "district": known.de if known is not None else district,
        "region": region_of_district(district),
    }
