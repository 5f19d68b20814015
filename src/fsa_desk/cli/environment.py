"""Where the CLI's data directory and passphrase come from (DESIGN.md §5, §6)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import platformdirs

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.store.keys import DatabaseKey

PASSPHRASE_VARIABLE = "FSA_DESK_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "FSA_DESK_NEW_PASSPHRASE"
DATA_DIR_VARIABLE = "FSA_DESK_DATA_DIR"


def data_dir(option: str | None) -> Path:
    chosen = option or os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("fsa-desk", appauthor=False))


def passphrase_key(*, confirm: bool = False) -> DatabaseKey:
    """The passphrase from the environment, or asked on the terminal."""
    return DatabaseKey.passphrase(_read(PASSPHRASE_VARIABLE, _("Passphrase: "), confirm))


def new_passphrase_key() -> DatabaseKey:
    return DatabaseKey.passphrase(_read(NEW_PASSPHRASE_VARIABLE, _("New passphrase: "), True))


def _read(variable: str, prompt: str, confirm: bool) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(
            _("No passphrase: set {variable} or run on a terminal.").format(variable=variable)
        )
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat: ")) != value:
        raise UsageError(_("The two passphrases differ."))
    return value
