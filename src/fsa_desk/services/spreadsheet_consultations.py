"""Matching spreadsheet consultation rows against the store.

A consultation is identified by household, day, counsellor, contact type and its place among
that household's rows of the same day, counsellor and type in its file. A later export of the
same spreadsheet may change its duration, life areas and note; module and billability are
derived as the consultation service derives them.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from fsa_desk.domain.spreadsheet_header import FileKind
from fsa_desk.domain.spreadsheet_rows import (
    ConsultationRow,
    Source,
    consultation_identity,
    part_identity,
)
from fsa_desk.i18n import _
from fsa_desk.services.consultations import derive_for_import
from fsa_desk.services.spreadsheet_households import MemberRows
from fsa_desk.services.spreadsheet_resolution import HouseholdTarget, changed, chunks
from fsa_desk.store.models import Consultation, ConsultationLifeArea


@dataclass(frozen=True, slots=True)
class _Placed:
    row: ConsultationRow
    consultation_id: uuid.UUID
    target: HouseholdTarget
    counsellor_id: uuid.UUID


class ConsultationResolver(MemberRows):
    def resolve(self, rows: Sequence[ConsultationRow]) -> None:
        placed = self._place(rows)
        stored = self._stored([p.consultation_id for p in placed])
        areas = self._areas([row_id for row_id, fields in stored.items() if fields is not None])
        new: dict[uuid.UUID, list[_Placed]] = defaultdict(list)
        touched: dict[uuid.UUID, HouseholdTarget] = {}
        for item in placed:
            if item.consultation_id not in stored:
                new[item.target.id].append(item)
                continue
            fields = stored[item.consultation_id]
            if fields is None:
                self.result.kept_deleted["consultations"] += 1
            elif self._update(item, fields, areas.get(item.consultation_id, set())):
                touched[item.target.id] = item.target
        for household_items in new.values():
            self._insert(household_items)
        self._recompute_budgets(touched, set(new))

    def _place(self, rows: Sequence[ConsultationRow]) -> list[_Placed]:
        """Rows with their identity; unknown households, duplicates and early dates left out."""
        placed = []
        nth: Counter[tuple[object, ...]] = Counter()
        first: dict[uuid.UUID, Source] = {}
        for row in rows:
            target = self.households.target(row.household_ref, row.source)
            if target is None or target.deleted:
                self.result.kept_deleted["consultations"] += target is not None
                continue
            code = row.counsellor_code or self.households.context.counsellor_code
            key = (row.source.file, target.id, row.date, code.casefold(), row.contact_type)
            nth[key] += 1
            row_id = consultation_identity(target.id, row.date, code, row.contact_type, nth[key])
            if self._misplaced(row, row_id, target, first):
                continue
            first[row_id] = row.source
            self.result.saw(FileKind.CONSULTATIONS, row_id)
            counsellor_id = self.households.counsellor(row.counsellor_code)
            placed.append(_Placed(row, row_id, target, counsellor_id))
        return placed

    def _misplaced(
        self,
        row: ConsultationRow,
        row_id: uuid.UUID,
        target: HouseholdTarget,
        first: dict[uuid.UUID, Source],
    ) -> bool:
        if row_id in first:
            message = _("Duplicate row: this consultation is already on {place}.")
            self.result.problem(row.source, "date", message.format(place=first[row_id]))
            return True
        start = target.allocation_date
        if start is not None and row.date < start:
            message = _(
                "The consultation lies before the household's allocation or arrival on {day}."
            )
            self.result.problem(row.source, "date", message.format(day=f"{start:%d.%m.%Y}"))
            return True
        return False

    def _stored(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any] | None]:
        """Stored consultations by id: what an import may change, or None when deleted."""
        found: dict[uuid.UUID, dict[str, Any] | None] = {}
        columns = (
            Consultation.id,
            Consultation.duration_minutes,
            Consultation.note,
            Consultation.deleted_hlc,
        )
        for chunk in chunks(ids):
            for row_id, minutes, note, deleted in self.session.execute(
                select(*columns).where(Consultation.id.in_(chunk))
            ):
                found[row_id] = None if deleted else {"duration_minutes": minutes, "note": note}
        return found

    def _areas(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
        found: dict[uuid.UUID, set[str]] = defaultdict(set)
        link = ConsultationLifeArea
        for chunk in chunks(ids):
            query = select(link.consultation_id, link.life_area).where(
                link.consultation_id.in_(chunk), link.deleted_hlc.is_(None)
            )
            for consultation_id, area in self.session.execute(query):
                found[consultation_id].add(area)
        return found

    def _update(self, item: _Placed, stored: dict[str, Any], areas: set[str]) -> bool:
        """Record what changed; whether anything did."""
        row = item.row
        wanted = {"duration_minutes": row.duration_minutes, "note": row.note}
        updates = changed(stored, wanted)
        self.result.writes.update(Consultation, item.consultation_id, updates)
        new_areas = bool(row.life_areas) and set(row.life_areas) != areas
        if new_areas:
            self.result.writes.life_areas[item.consultation_id] = row.life_areas
        self.result.updated["consultations"] += bool(updates or new_areas)
        return bool(updates or new_areas)

    def _insert(self, items: list[_Placed]) -> None:
        """New consultations of one household, with module and billability derived."""
        target = items[0].target
        days = [item.row.date for item in items]
        derived = derive_for_import(self.session, target.id, target.allocation_date, days)
        if derived.needs_recompute:
            self.result.writes.recompute.add(target.id)
        derivations = zip(items, derived.modules, derived.billable_reasons, strict=True)
        for item, module, reason in derivations:
            values = _consultation_row(item)
            values.update(module=module, billable=derived.billable, billable_reason=reason)
            self.result.writes.insert(Consultation, values)
            self._insert_areas(item.consultation_id, item.row.life_areas)
        self.result.created["consultations"] += len(items)

    def _insert_areas(self, consultation_id: uuid.UUID, areas: tuple[str, ...]) -> None:
        for area in areas:
            self.result.writes.insert(
                ConsultationLifeArea,
                {
                    "id": part_identity(consultation_id, f"life_area|{area}"),
                    "consultation_id": consultation_id,
                    "life_area": area,
                },
            )

    def _recompute_budgets(
        self, touched: dict[uuid.UUID, HouseholdTarget], derived: set[uuid.UUID]
    ) -> None:
        """Changed durations count against a running Bewilligung's budget."""
        for household_id, target in touched.items():
            if household_id in derived:
                continue  # _insert has asked already
            check = derive_for_import(self.session, household_id, target.allocation_date, [])
            if check.needs_recompute:
                self.result.writes.recompute.add(household_id)


def _consultation_row(item: _Placed) -> dict[str, Any]:
    row = item.row
    return {
        "id": item.consultation_id,
        "household_id": item.target.id,
        "counsellor_id": item.counsellor_id,
        "date": row.date,
        "duration_minutes": row.duration_minutes,
        "contact_type": row.contact_type,
        "note": row.note,
    }
