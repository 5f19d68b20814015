"""Opening the store: every bad case gets one clear error and changes nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from fsa_desk import errors
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import DataDir, open_store


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_wrong_raw_key_is_a_wrong_passphrase(data_dir: Path) -> None:
    before = file_bytes(DataDir(data_dir).database)
    with pytest.raises(errors.WrongPassphrase):
        open_store(data_dir, DatabaseKey.raw(b"\x01" * 32))
    assert file_bytes(DataDir(data_dir).database) == before


def test_real_passphrase_round_trip_and_wrong_passphrase(tmp_path: Path) -> None:
    """The one test that pays for SQLCipher's real key derivation twice."""
    root = tmp_path / "real"
    initialise(root, DatabaseKey.passphrase("richtig-geheim"), NewInstallation("A", "A1", "lead"))
    with pytest.raises(errors.WrongPassphrase, match="Passphrase"):
        open_store(root, DatabaseKey.passphrase("falsch-geheim"))
    with open_store(root, DatabaseKey.passphrase("richtig-geheim")) as store:
        assert store.installation is not None


def test_short_passphrase_is_rejected() -> None:
    with pytest.raises(errors.PassphraseTooShort, match="8"):
        DatabaseKey.passphrase("kurz")


def test_damaged_database_is_told_apart_from_a_wrong_passphrase(tmp_path: Path) -> None:
    root = tmp_path / "damaged"
    key = DatabaseKey.passphrase("richtig-geheim")
    initialise(root, key, NewInstallation("A", "A1", "lead"))
    database = DataDir(root).database
    damaged = bytearray(database.read_bytes())
    damaged[100:200] = bytes(100)  # page 1 no longer authenticates
    database.write_bytes(bytes(damaged))
    with pytest.raises(errors.DatabaseCorrupt, match="Sicherung"):
        open_store(root, key)


def test_truncated_database_is_reported(data_dir: Path, key: DatabaseKey) -> None:
    database = DataDir(data_dir).database
    database.write_bytes(database.read_bytes()[:1000])
    with pytest.raises((errors.DatabaseCorrupt, errors.WrongPassphrase)):
        open_store(data_dir, key)


def test_plain_sqlite_file_is_not_taken_for_ours(tmp_path: Path, key: DatabaseKey) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    import sqlite3

    sqlite3.connect(root / "fsa-desk.db").execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(errors.DatabaseCorrupt):
        open_store(root, key)


def test_newer_database_is_refused_untouched(data_dir: Path, key: DatabaseKey) -> None:
    with open_store(data_dir, key) as store, store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    before = file_bytes(DataDir(data_dir).database)
    with pytest.raises(errors.DatabaseTooNew, match="aktualisieren"):
        open_store(data_dir, key)
    assert file_bytes(DataDir(data_dir).database) == before


def test_missing_data_directory(tmp_path: Path, key: DatabaseKey) -> None:
    with pytest.raises(errors.DataDirError, match="existiert nicht"):
        open_store(tmp_path / "nowhere", key)
    assert not (tmp_path / "nowhere").exists()


def test_directory_without_installation(tmp_path: Path, key: DatabaseKey) -> None:
    with pytest.raises(errors.DataDirError, match="fsa-desk init"):
        open_store(tmp_path, key)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_data_directory(key: DatabaseKey) -> None:
    # /sys refuses new files even to root, unlike a chmod-ed folder.
    with pytest.raises(errors.DataDirError, match="nicht beschreibbar"):
        open_store(Path("/sys/kernel"), key)


def test_second_open_in_the_same_process_is_refused(data_dir: Path, key: DatabaseKey) -> None:
    with open_store(data_dir, key), pytest.raises(errors.DataDirLocked):
        open_store(data_dir, key)
    with open_store(data_dir, key) as again:  # released on close
        assert again.installation is not None


def test_second_process_is_refused_and_lock_vanishes_when_the_holder_is_killed(
    data_dir: Path, key: DatabaseKey
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from fsa_desk.store.keys import DatabaseKey
            from fsa_desk.store.store import open_store
            store = open_store(Path({str(data_dir)!r}), DatabaseKey.raw(bytes(range(32))))
            print("open", flush=True)
            time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(errors.DataDirLocked, match="bereits"):
            open_store(data_dir, key)
    finally:
        holder.kill()  # like kill -9: no clean-up code runs
        holder.wait()
    with open_store(data_dir, key) as store:
        assert store.installation is not None


def test_init_refuses_an_existing_installation(data_dir: Path, key: DatabaseKey) -> None:
    before = file_bytes(DataDir(data_dir).database)
    with pytest.raises(errors.DataDirError):
        initialise(data_dir, key, NewInstallation("B", "B2", "counsellor"))
    assert file_bytes(DataDir(data_dir).database) == before
