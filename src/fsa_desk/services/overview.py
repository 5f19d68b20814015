"""Figures for the start screen: who is working here and how much is stored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from fsa_desk.services.installation import InstallationInfo, describe
from fsa_desk.store.models import Consultation, Household, Person
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class Overview:
    installation: InstallationInfo
    households: int
    persons: int
    consultations: int


def overview(store: Store) -> Overview:
    with store.read() as session:
        counts = [
            session.execute(
                select(func.count()).select_from(model).where(model.deleted_hlc.is_(None))
            ).scalar_one()
            for model in (Household, Person, Consultation)
        ]
    return Overview(describe(store), *counts)
