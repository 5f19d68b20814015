"""No client data outside the encrypted stores: after a realistic session, the data directories,
backups, bundles, HOME and the temp directory hold none of the demo's names, refs or notes.

Only what the user asked for (a PDF written with ``-o``) may hold client data; it goes to a
folder that is not searched.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select

from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.models import Consultation, Household, Person
from fsa_desk.store.store import open_store
from tests.cli.conftest import PASSPHRASE
from tests.cli.test_team_cli import Run, counsellor, lead, run

__all__ = ["counsellor", "lead", "run"]


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return home, temp


def _session(run: Run, lead: Path, counsellor: Path, exchange: Path, out: Path) -> list[str]:
    """What a counsellor and a lead do in a week; returns everything printed on stderr."""
    exchange.mkdir()
    out.mkdir()
    team_file, card = exchange / "team.json", exchange / "b1.card"
    steps: list[tuple[Path, tuple[str, ...]]] = [
        (
            lead,
            (
                "team",
                "create",
                "-o",
                str(team_file),
                "--recovery-key-out",
                str(exchange / "recovery.key"),
            ),
        ),
        (counsellor, ("team", "join", str(team_file))),
        (counsellor, ("team", "card", "-o", str(card))),
        (lead, ("team", "enrol", str(card), "--yes")),
        (counsellor, ("demo", "--households", "6", "--months", "14", "--seed", "7")),
        (counsellor, ("report", "monthly", "--format", "pdf", "-o", str(out / "monatlich.pdf"))),
        (counsellor, ("report", "koordination", "--format", "csv", "-o", str(out / "k.csv"))),
        (counsellor, ("db", "backup")),
        (counsellor, ("export", "-o", str(exchange / "b1.fsabundle"))),
        (lead, ("import", str(exchange / "b1.fsabundle"))),
        (lead, ("report", "workload", "--format", "json", "-o", str(out / "w.json"))),
        (counsellor, ("retention", "run", "--dry-run")),
    ]
    errors = []
    for data_dir, args in steps:
        code, _out, err = run(data_dir, *args)
        assert code == 0, (args, err)
        errors.append(err)
    errors.append(_print_a_form(run, counsellor, out))
    return errors


def _print_a_form(run: Run, counsellor: Path, out: Path) -> str:
    code, listing, err = run(counsellor, "report", "fachleistung", "--format", "json")
    assert code == 0, err
    rows = json.loads(listing)["rows"]
    if rows:
        code, _out, err = run(
            counsellor,
            "form",
            "bedarfsanzeige",
            rows[0]["bedarfsanzeige_id"],
            "-o",
            str(out / "bedarfsanzeige.pdf"),
        )
        assert code == 0, err
    return err


def _known_plaintext(data_dir: Path) -> set[str]:
    with open_store(data_dir, DatabaseKey.passphrase(PASSPHRASE)) as store, store.read() as s:
        names = {f"{p.given_name} {p.family_name}" for p in s.scalars(select(Person))}
        refs = set(s.scalars(select(Household.household_ref)))
        notes = s.scalars(select(Consultation.note).where(Consultation.note.is_not(None)).limit(40))
        return names | refs | {note[:30] for note in notes if len(note) >= 12}


def _files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_a_realistic_session_leaves_no_plaintext_behind(
    run: Run, lead: Path, counsellor: Path, tmp_path: Path, private_home: tuple[Path, Path]
) -> None:
    home, temp = private_home
    exchange, out = tmp_path / "exchange", tmp_path / "out"
    errors = _session(run, lead, counsellor, exchange, out)
    known = _known_plaintext(counsellor)
    assert len(known) > 20
    searched = _files(counsellor, lead, exchange, home, temp)
    assert any(p.suffix == ".fsabundle" for p in searched)
    assert any(p.parent.name == "backups" for p in searched)
    leaks = [
        (path.name, text)
        for path in searched
        for content in [path.read_bytes()]
        for text in known
        if text.encode("utf-8") in content
    ]
    assert leaks == []
    assert not any(text in err for err in errors for text in known)
    # what the user asked for does hold client data: the search above looks for real values
    person = _any_person(counsellor)
    assert run(counsellor, "subject-access", person, "-o", str(out / "auskunft"))[0] == 0
    answer = "".join(p.read_text(encoding="utf-8") for p in (out / "auskunft").glob("*.json"))
    assert any(text in answer for text in known)


def _any_person(data_dir: Path) -> str:
    with open_store(data_dir, DatabaseKey.passphrase(PASSPHRASE)) as store, store.read() as s:
        return str(s.scalars(select(Person.id).limit(1)).one())
