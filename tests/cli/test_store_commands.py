"""The CLI contract for init, db and passphrase commands (DESIGN.md §6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, Cli


def init(cli: Cli) -> None:
    code, _, err = cli("init", "--name", "Anna Berg", "--code", "B1", "--role", "counsellor")
    assert code == 0, err


def test_init_then_check_reports_a_sound_database(cli: Cli) -> None:
    code, out, _ = cli("init", "--name", "Anna Berg", "--code", "B1", "--role", "lead", "--json")
    assert code == 0
    info = json.loads(out)
    assert (info["name"], info["code"], info["role"]) == ("Anna Berg", "B1", "lead")
    code, out, _ = cli("db", "check", "--json")
    assert code == 0
    assert json.loads(out) == {"ok": True, "problems": []}


def test_wrong_passphrase_is_one_line_exit_3(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    init(cli)
    monkeypatch.setenv("FSA_DESK_PASSPHRASE", "ganz-falsch")
    code, out, err = cli("db", "check")
    assert code == 3
    assert err == "fsa-desk: Falsche Passphrase.\n"
    assert out == ""


def test_short_passphrase_at_init_is_rejected_and_creates_nothing(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FSA_DESK_PASSPHRASE", "kurz")
    code, _, err = cli("init", "--name", "A", "--code", "A1", "--role", "lead")
    assert code == 3
    assert "mindestens 8 Zeichen" in err
    assert not data.exists()


def test_missing_data_directory_is_a_usage_error(cli: Cli) -> None:
    code, _, err = cli("db", "backup")
    assert code == 2
    assert err.count("\n") == 1 and "existiert nicht" in err


def test_unknown_command_is_a_usage_error(cli: Cli) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli("frobnicate")
    assert exit_info.value.code == 2


def test_backup_then_restore_brings_back_the_old_state(cli: Cli, data: Path) -> None:
    init(cli)
    code, out, _ = cli("db", "backup", "--json")
    assert code == 0
    backup = Path(json.loads(out)["backup"])
    assert backup.is_file() and backup.parent == data / "backups"
    assert b"Anna Berg" not in backup.read_bytes()  # backups are encrypted, too
    code, out, _ = cli("db", "restore", str(backup), "--json")
    assert code == 0
    assert Path(json.loads(out)["previous_state"]).is_file()
    assert cli("db", "check")[0] == 0


def test_restore_of_a_damaged_file_changes_nothing(cli: Cli, data: Path, tmp_path: Path) -> None:
    init(cli)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"\x00" * 8192)
    before = (data / "fsa-desk.db").read_bytes()
    code, _, err = cli("db", "restore", str(damaged))
    assert code == 3
    assert "beschädigt" in err
    assert (data / "fsa-desk.db").read_bytes() == before


def test_passphrase_change(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    init(cli)
    monkeypatch.setenv("FSA_DESK_NEW_PASSPHRASE", "neue-passphrase")
    code, out, _ = cli("passphrase", "change", "--json")
    assert code == 0
    assert json.loads(out)["changed"] is True
    assert cli("db", "check")[0] == 3  # the old passphrase no longer opens it
    monkeypatch.setenv("FSA_DESK_PASSPHRASE", "neue-passphrase")
    assert cli("db", "check")[0] == 0


def test_no_passphrase_without_terminal_is_a_usage_error(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    init(cli)
    monkeypatch.delenv("FSA_DESK_PASSPHRASE")
    code, _, err = cli("db", "check")
    assert code == 2
    assert "FSA_DESK_PASSPHRASE" in err


def test_check_lists_a_change_log_inconsistency(cli: Cli, data: Path) -> None:
    """A row edited behind the change log's back is found by db check (exit 1)."""
    init(cli)
    from sqlalchemy import text

    from fsa_desk.store.keys import DatabaseKey
    from fsa_desk.store.store import open_store

    key = DatabaseKey.passphrase(PASSPHRASE)
    with open_store(data, key) as store, store.engine.begin() as connection:
        connection.execute(text("UPDATE counsellor SET name = 'Unlogged'"))
    code, out, _ = cli("db", "check", "--json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert [p["check"] for p in problems] == ["change_log"]
    assert "field name differs" in problems[0]["detail"]
    assert "Unlogged" not in out  # problems name ids, never content
