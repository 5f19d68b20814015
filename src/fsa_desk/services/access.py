"""Getting in: the first installation, unlocking at start, and the lock screen's passphrase check.

The passphrase protects every client record on a laptop that travels to home visits; it cannot
be recovered. So the first run estimates its strength honestly (a rough estimate, not a promise),
and the lock screen checks it against the key verifier without reopening the database.
"""

from __future__ import annotations

import hmac
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from fsa_desk.errors import InputRejected, PassphraseTooShort, WrongPassphrase
from fsa_desk.i18n import _
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.keys import MIN_PASSPHRASE_LENGTH, DatabaseKey, verifier_accepts
from fsa_desk.store.store import DataDir, Store, open_store

# Letters of a word carry about as much surprise as natural language: people choose words,
# not random letters.
_WORD_LETTER_BITS = 2.5
_WORD = re.compile(r"[^\W\d_]{4,}")
# Upper bounds (bits) of the levels "weak", "fair", "good"; above: "strong".
_LEVEL_BOUNDS = (28.0, 45.0, 60.0)
_FULL_BAR_BITS = 80.0
_COMMON = frozenset(
    {
        "passwort",
        "password",
        "passwort1",
        "password1",
        "passwort123",
        "password123",
        "qwertzuiop",
        "qwertyuiop",
        "asdfghjkl",
        "iloveyou",
        "hallo123",
        "hallohallo",
        "geheim123",
        "fsa-desk",
        "dresden1",
        "sommer2025",
        "sommer2026",
        "winter2025",
        "winter2026",
    }
)


@dataclass(frozen=True)
class PassphraseStrength:
    """A rough strength estimate: ``level`` 0 (too short) … 4 (strong)."""

    level: int
    label: str
    hint: str
    fraction: float  # for a strength bar: 0.0 … 1.0

    @property
    def acceptable(self) -> bool:
        return self.level > 0


def estimate_strength(passphrase: str) -> PassphraseStrength:
    """Estimate how hard the passphrase is to guess (not a guarantee: a known quote is weak)."""
    bits = 0.0 if passphrase.casefold() in _COMMON else _bits(passphrase)
    fraction = min(1.0, bits / _FULL_BAR_BITS)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        hint = _("At least {n} characters.").format(n=MIN_PASSPHRASE_LENGTH)
        return PassphraseStrength(0, _("Too short"), hint, fraction)
    level = 1 + sum(bits >= bound for bound in _LEVEL_BOUNDS)
    return PassphraseStrength(level, *_describe(level), fraction)


def _bits(passphrase: str) -> float:
    """Letters inside words (runs of four or more) count as natural language, every other
    character as a random pick from the character classes used; a repeated character or a step
    of a run (abc, 123) adds nothing."""
    random_bits = math.log2(_pool_size(passphrase))
    in_word = _word_positions(passphrase)
    total = 0.0
    for index, character in enumerate(passphrase):
        if index and abs(ord(character) - ord(passphrase[index - 1])) <= 1:
            continue
        total += _WORD_LETTER_BITS if index in in_word else random_bits
    return total


def _pool_size(passphrase: str) -> int:
    classes = (
        (str.islower, 26),
        (str.isupper, 26),
        (str.isdigit, 10),
        (lambda c: not c.isalnum(), 33),
    )
    return max(2, sum(size for test, size in classes if any(test(c) for c in passphrase)))


def _word_positions(passphrase: str) -> set[int]:
    return {
        index for match in _WORD.finditer(passphrase) for index in range(match.start(), match.end())
    }


def _describe(level: int) -> tuple[str, str]:
    if level == 1:
        return _("Weak"), _("Easy to guess: take several words that do not belong together.")
    if level == 2:
        return _("Fair"), _("Usable; one more word makes it much stronger.")
    if level == 3:
        return _("Good"), _("A good passphrase.")
    return _("Strong"), _("A strong passphrase.")


# --- first run, unlock, lock screen -------------------------------------------------------------


def installation_exists(root: Path) -> bool:
    return DataDir(root).is_initialised()


def create_installation(root: Path, new: NewInstallation, passphrase: str, repeated: str) -> Store:
    """Create the installation protected by ``passphrase`` and return it opened."""
    if passphrase != repeated:
        raise InputRejected(_("The two passphrases differ."))
    key = DatabaseKey.passphrase(passphrase)
    initialise(root, key, new)
    return open_store(root, key)


def open_installation(root: Path, passphrase: str) -> Store:
    """Unlock the installation; a passphrase too short to be right is simply wrong."""
    try:
        key = DatabaseKey.passphrase(passphrase)
    except PassphraseTooShort:
        raise WrongPassphrase(_("Wrong passphrase.")) from None
    return open_store(root, key)


def has_passphrase(store: Store) -> bool:
    """False for the demo installation, which is keyed with a random key instead."""
    return not store.key.is_raw


def passphrase_matches(store: Store, passphrase: str) -> bool:
    """Whether ``passphrase`` opens this store, without reopening it (lock screen).

    The verifier file costs one key derivation (~0.1 s), which also slows down guessing at an
    unattended laptop; without a verifier the key in memory decides. A store without a
    passphrase (demo) has nothing to check and accepts any entry.
    """
    if not has_passphrase(store):
        return True
    try:
        key = DatabaseKey.passphrase(passphrase)
    except PassphraseTooShort:
        return False
    accepted = verifier_accepts(store.data_dir.verifier, key)
    if accepted is None:
        return hmac.compare_digest(key.secret.encode(), store.key.secret.encode())
    return accepted


class OpeningInBackground:
    """Unlocks the installation on a helper thread while the GUI loads.

    The key derivation (~0.1 s per connection) runs in C without the interpreter lock, so it
    overlaps with importing and building the window: the start is that much faster
    (DESIGN.md §9). ``result()`` waits and then returns the store or raises what opening raised.
    """

    def __init__(self, root: Path, passphrase: str) -> None:
        self._store: Store | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._open, args=(root, passphrase), name="fsa-desk-unlock", daemon=True
        )
        self._thread.start()

    def _open(self, root: Path, passphrase: str) -> None:
        try:
            self._store = open_installation(root, passphrase)
        except BaseException as error:  # handed to the caller of result()
            self._error = error

    def result(self) -> Store:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._store is not None
        return self._store
