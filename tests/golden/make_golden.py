"""Write the golden database of the current schema revision (run once per released revision).

    .venv/bin/python tests/golden/make_golden.py

Synthetic data only, encrypted with the tests' fixed raw key (tests/conftest.py TEST_KEY).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from conftest import TEST_KEY  # noqa: E402
from fsa_desk.services.installation import NewInstallation, initialise  # noqa: E402
from fsa_desk.store import schema  # noqa: E402
from fsa_desk.store.models import Consultation, Household, Membership, Person  # noqa: E402
from fsa_desk.store.store import open_store  # noqa: E402


def main() -> None:
    root = Path(tempfile.mkdtemp())
    try:
        info = initialise(root, TEST_KEY, NewInstallation("Golden Gans", "G1", "counsellor"))
        with open_store(root, TEST_KEY) as store, store.transaction() as session:
            household = Household(household_ref="G1-2024-001", allocation_date=date(2024, 2, 29))
            person = Person(family_name="Haddad", given_name="Rania", birth_year=1990, sex="w")
            session.add_all([household, person])
            session.flush()
            session.add(
                Membership(person_id=person.id, household_id=household.id, role="haushaltsvorstand")
            )
            session.add(
                Consultation(
                    household_id=household.id,
                    counsellor_id=info.counsellor_id,
                    date=date(2024, 3, 4),
                    duration_minutes=50,
                    contact_type="buero",
                    module="willkommen",
                    note="Synthetischer Testeintrag",
                )
            )
        target = HERE / f"schema-{schema.HEAD}.db"
        shutil.copyfile(root / "fsa-desk.db", target)
        print(f"wrote {target}")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
