"""Settings: the start configuration before unlocking, working settings inside the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from fsa_desk.errors import InputRejected
from fsa_desk.services import preferences
from fsa_desk.services.installation import describe
from fsa_desk.services.preferences import Preferences, StartConfig
from fsa_desk.store.store import Store, open_store
from tests.conftest import TEST_KEY


def test_start_config_round_trips_and_defaults_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "config" / "config.json"
    assert preferences.load_start_config(path) == StartConfig()
    chosen = StartConfig(language="en", data_dir=tmp_path / "elsewhere")
    preferences.save_start_config(chosen, path)
    assert preferences.load_start_config(path) == chosen


def test_a_damaged_start_config_counts_as_no_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text("{nicht json", encoding="utf-8")
    assert preferences.load_start_config(path) == StartConfig()
    path.write_text(json.dumps({"language": "fr", "data_dir": 3}), encoding="utf-8")
    assert preferences.load_start_config(path) == StartConfig()


def test_the_config_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(preferences.CONFIG_DIR_VARIABLE, str(tmp_path))
    preferences.save_start_config(StartConfig(language="de"))
    assert (tmp_path / "config.json").is_file()
    assert preferences.load_start_config().language == "de"


def test_fresh_installation_has_ten_minutes_and_the_code_list_durations(store: Store) -> None:
    loaded = preferences.load_preferences(store)
    assert loaded.idle_lock_minutes == 10
    assert loaded.minutes_for("hausbesuch") == 60
    assert loaded.minutes_for("telefon") == 15


def test_saved_preferences_survive_closing_the_store(data_dir: Path) -> None:
    with open_store(data_dir, TEST_KEY) as store:
        minutes = {**preferences.load_preferences(store).contact_minutes, "telefon": 10}
        preferences.save_preferences(store, Preferences(5, minutes))
    with open_store(data_dir, TEST_KEY) as store:
        loaded = preferences.load_preferences(store)
    assert loaded.idle_lock_minutes == 5
    assert loaded.minutes_for("telefon") == 10
    assert loaded.minutes_for("hausbesuch") == 60


def test_bad_values_are_named_and_nothing_is_stored(store: Store) -> None:
    with pytest.raises(InputRejected) as rejected:
        preferences.save_preferences(store, Preferences(0, {"telefon": 0}))
    assert "Minuten" in str(rejected.value)
    assert "Telefon" in str(rejected.value)
    assert preferences.load_preferences(store).idle_lock_minutes == 10
    assert preferences.load_preferences(store).minutes_for("telefon") == 15


def test_renaming_the_counsellor_keeps_the_code_and_is_logged(store: Store) -> None:
    info = preferences.rename_counsellor(store, "  Anna   Berg-Schulz ")
    assert (info.name, info.code) == ("Anna Berg-Schulz", "B1")
    assert describe(store).name == "Anna Berg-Schulz"
    with store.read() as session:
        logged = session.execute(
            text(
                "SELECT new FROM change_log WHERE table_name = 'counsellor' AND field = 'name' "
                "ORDER BY hlc DESC LIMIT 1"
            )
        ).scalar_one()
    assert json.loads(logged) == "Anna Berg-Schulz"


def test_an_empty_name_is_rejected(store: Store) -> None:
    with pytest.raises(InputRejected):
        preferences.rename_counsellor(store, "   ")
    assert describe(store).name == "Anna Berg"
