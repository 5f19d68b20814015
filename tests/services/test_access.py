"""Getting in: first installation, unlocking, the lock screen's check, the strength estimate."""

from __future__ import annotations

from pathlib import Path

import pytest

from fsa_desk.errors import InputRejected, WrongPassphrase
from fsa_desk.services import access
from fsa_desk.services.installation import NewInstallation, describe
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import Store

PASSPHRASE = "Apfel Fahrrad Kiste"
NEW = NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real passphrase installation (key derivation costs ~0.2 s per open)."""
    root = tmp_path_factory.mktemp("access") / "data"
    access.create_installation(root, NEW, PASSPHRASE, PASSPHRASE).close()
    return root


def test_first_run_creates_an_installation_that_opens_with_the_passphrase(
    installed: Path,
) -> None:
    assert access.installation_exists(installed)
    with access.open_installation(installed, PASSPHRASE) as store:
        assert describe(store).name == "Anna Berg"
        assert access.has_passphrase(store)


def test_differing_repetition_creates_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    with pytest.raises(InputRejected, match="stimmen nicht überein"):
        access.create_installation(root, NEW, PASSPHRASE, PASSPHRASE + "!")
    assert not access.installation_exists(root)


def test_a_wrong_or_short_passphrase_is_simply_wrong(installed: Path) -> None:
    for wrong in ("Apfel Fahrrad Kist", "kurz"):
        with pytest.raises(WrongPassphrase) as failure:
            access.open_installation(installed, wrong)
        assert str(failure.value) == "Falsche Passphrase."


def test_the_lock_screen_check_uses_the_verifier_without_reopening(installed: Path) -> None:
    with access.open_installation(installed, PASSPHRASE) as store:
        assert access.passphrase_matches(store, PASSPHRASE)
        assert not access.passphrase_matches(store, "Apfel Fahrrad Kiste ")
        assert not access.passphrase_matches(store, "")
        store.data_dir.verifier.rename(store.data_dir.verifier.with_suffix(".away"))
        try:  # without a verifier the key in memory decides
            assert access.passphrase_matches(store, PASSPHRASE)
            assert not access.passphrase_matches(store, "etwas anderes")
        finally:
            store.data_dir.verifier.with_suffix(".away").rename(store.data_dir.verifier)


def test_the_demo_store_has_no_passphrase_to_check(store: Store) -> None:
    assert store.key.is_raw
    assert not access.has_passphrase(store)
    assert access.passphrase_matches(store, "")


@pytest.mark.parametrize(
    ("passphrase", "level"),
    [
        ("kurz", 0),
        ("passwort", 1),
        ("12345678", 1),
        ("aaaaaaaaaaaa", 1),
        ("Dresden2025", 2),
        ("xK9#mP2q", 3),
        ("Sonne Garten Fahrrad", 3),
        ("Sonne Garten Fahrrad Kiste", 4),
    ],
)
def test_strength_estimate_orders_passphrases_as_a_guesser_would(
    passphrase: str, level: int
) -> None:
    strength = access.estimate_strength(passphrase)
    assert strength.level == level
    assert strength.acceptable == (level > 0)
    assert 0.0 <= strength.fraction <= 1.0
    assert strength.label and strength.hint


def test_the_minimum_length_matches_the_key() -> None:
    too_short = "x" * 7
    assert not access.estimate_strength(too_short).acceptable
    with pytest.raises(InputRejected):
        DatabaseKey.passphrase(too_short)
