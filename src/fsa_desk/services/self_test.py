"""``fsa-desk --self-test``: prove an installation (frozen or not) has everything it needs.

Each step runs in a temporary directory with random keys and never touches the user's data. A
failing step does not stop the others; later steps that need its result say so.
"""

from __future__ import annotations

import gettext
import shutil
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fsa_desk.domain.deadlines import holiday_name
from fsa_desk.i18n import DOMAIN, _
from fsa_desk.paths import resources_dir
from fsa_desk.reports.common import ReportParams
from fsa_desk.services import (
    consultations,
    households,
    persons,
    reports,
    sync_export,
    sync_import,
    team,
    vereinbarung,
)
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.maintenance import check_database
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.schema import HEAD, current_revision
from fsa_desk.store.store import Store, open_store

PROVIDER = "Selbsttest"


@dataclass(frozen=True)
class OldDatabase:
    """A database of an earlier schema revision (e.g. a golden test file) and its raw key."""

    path: Path
    key: DatabaseKey


@dataclass(frozen=True)
class StepResult:
    name: str
    error: str | None = None  # None: the step passed

    @property
    def passed(self) -> bool:
        return self.error is None


@dataclass
class _Run:
    """What the steps share: the temporary folder and the records written so far."""

    root: Path
    key: DatabaseKey = field(default_factory=DatabaseKey.random)
    household_id: uuid.UUID | None = None
    consultation_id: uuid.UUID | None = None

    def open(self, name: str) -> Store:
        return open_store(self.root / name, self.key)


ExtraStep = tuple[str, Callable[[], None]]


def run_self_test(
    extra_steps: Sequence[ExtraStep] = (), old_database: OldDatabase | None = None
) -> list[StepResult]:
    """Run every step (plus ``extra_steps``, e.g. the GUI's) and report each one's outcome;
    with ``old_database``, a copy of it is also upgraded to the current schema and checked."""
    with tempfile.TemporaryDirectory(prefix="fsa-desk-self-test-") as folder:
        run = _Run(Path(folder))
        steps: list[ExtraStep] = [
            (_("translations"), _check_translations),
            (_("Saxon public holidays"), _check_holidays),
            (_("encrypted store and migrations"), lambda: _create_store(run)),
            (_("household and consultation"), lambda: _write_and_read(run)),
            (_("report PDF"), lambda: _report_pdf(run)),
            (_("Vereinbarungsblatt PDF"), lambda: _vereinbarung_pdf(run)),
            (_("bundle round trip"), lambda: _bundle_round_trip(run)),
            *extra_steps,
        ]
        if old_database is not None:
            steps.append((_("upgrade of an older database"), lambda: _upgrade(run, old_database)))
        return [_attempt(name, step) for name, step in steps]


def _attempt(name: str, step: Callable[[], None]) -> StepResult:
    try:
        step()
    except Exception as failure:  # a self-test reports every failure, whatever its kind
        return StepResult(name, f"{type(failure).__name__}: {failure}")
    return StepResult(name)


def _check_translations() -> None:
    catalog = gettext.translation(DOMAIN, localedir=resources_dir() / "locale", languages=["de"])
    if catalog.gettext("Wrong passphrase.") == "Wrong passphrase.":
        raise RuntimeError("the German catalog has no translations")


def _check_holidays() -> None:
    """Fristen move past holidays; the holiday tables and their German names load lazily."""
    if holiday_name(date(2026, 11, 18)) != "Buß- und Bettag":
        raise RuntimeError("the Saxon holiday calendar did not load")


def _create_store(run: _Run) -> None:
    initialise(run.root / "B1", run.key, NewInstallation("Test Beraterin", "B1", "counsellor"))
    with run.open("B1") as store:
        store.installation_counsellor_id()


def _write_and_read(run: _Run) -> None:
    today = date.today()
    with run.open("B1") as store:
        created = households.create_household(
            store, households.NewHousehold("B1-TEST-001", allocation_date=today), today=today
        )
        person = persons.create_person(
            store,
            persons.PersonData("Test", "Person"),
            created.id,
            "haushaltsvorstand",
            member_from=today,
            today=today,
        )
        saved = consultations.record_consultation(
            store,
            consultations.ConsultationInput(
                household_id=created.id,
                date=today,
                duration_minutes=45,
                contact_type="buero",
                life_areas=("existenzsicherung",),
                persons_present=(person.id,),
                agreements="- Unterlagen mitbringen",
            ),
            today=today,
        )
        if households.get_household(store, created.id).household_ref != "B1-TEST-001":
            raise RuntimeError("the household read back differs")
    run.household_id, run.consultation_id = created.id, saved.id


def _report_pdf(run: _Run) -> None:
    with run.open("B1") as store:
        report = reports.run_report(store, "monthly", ReportParams())
    _require_pdf(reports.render(report, "pdf"))


def _vereinbarung_pdf(run: _Run) -> None:
    if run.consultation_id is None:
        raise RuntimeError("no consultation was written")
    with run.open("B1") as store:
        _require_pdf(vereinbarung.vereinbarung_pdf(store, run.consultation_id))


def _require_pdf(data: str | bytes) -> None:
    if not isinstance(data, bytes) or not data.startswith(b"%PDF") or len(data) < 1000:
        raise RuntimeError("no PDF document came out")


def _bundle_round_trip(run: _Run) -> None:
    """Lead creates a team, the counsellor joins and exports, the lead imports the bundle."""
    if run.household_id is None:
        raise RuntimeError("no household was written")
    root = run.root
    initialise(root / "L1", run.key, NewInstallation("Test Leitung", "L1", "lead", PROVIDER))
    with run.open("L1") as lead, run.open("B1") as counsellor:
        team.create_team(lead, root / "team.json", root / "recovery.key")
        team.join_team(counsellor, root / "team.json")
        team.write_own_card(counsellor, root / "B1.card")
        team.enrol(lead, root / "B1.card")
        sync_export.export_bundle(counsellor, root / "B1.fsabundle", full=True)
        summary = sync_import.import_bundles(lead, [root / "B1.fsabundle"])
        if [bundle.status for bundle in summary.bundles] != [sync_import.APPLIED]:
            raise RuntimeError(f"the bundle was not applied: {summary.bundles[0].reason}")
        households.get_household(lead, run.household_id)  # raises when it did not arrive


def _upgrade(run: _Run, old: OldDatabase) -> None:
    """Open a copy: the store backs it up, migrates it to the head and must find it sound."""
    folder = run.root / "old"
    folder.mkdir()
    shutil.copyfile(old.path, folder / "fsa-desk.db")
    with open_store(folder, old.key) as store:
        with store.engine.connect() as connection:
            revision = current_revision(connection)
        if revision != HEAD:
            raise RuntimeError(f"the database is at {revision}, not {HEAD}")
        problems = check_database(store)
        if problems:
            raise RuntimeError("; ".join(str(problem) for problem in problems))


def failure_lines(results: Sequence[StepResult]) -> list[str]:
    """One line per failed step, for stderr."""
    return [
        _("Self-test failed: {step}: {error}").format(step=result.name, error=result.error)
        for result in results
        if not result.passed
    ]
