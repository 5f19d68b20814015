"""The counsellor's settings: what the app needs before unlocking, and what it keeps inside.

Two places, because two moments: the language and the data directory must be known before the
database is open (they choose the unlock dialog's language and which database to open), so they
live in a small JSON file under the user's config folder. Everything else — idle lock time,
default durations per contact type — lives in the encrypted database's ``setting`` table and
stays on this installation (settings are never exchanged, DESIGN.md §5).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import select

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import LANGUAGES, _, language
from fsa_desk.services.installation import InstallationInfo, describe
from fsa_desk.store.models import Counsellor, Setting
from fsa_desk.store.store import Store

CONFIG_DIR_VARIABLE = "FSA_DESK_CONFIG_DIR"
CONFIG_NAME = "config.json"
DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_RANGE = (1, 240)
CONTACT_MINUTES_RANGE = (1, 600)
_IDLE_KEY = "idle_lock_minutes"
_CONTACT_MINUTES_KEY = "contact_minutes"


# --- before unlocking: the JSON start configuration -------------------------------------------


@dataclass(frozen=True)
class StartConfig:
    """Read before the database is open; ``None`` means "the default"."""

    language: str | None = None
    data_dir: Path | None = None


def config_path() -> Path:
    """The start configuration file; ``FSA_DESK_CONFIG_DIR`` moves it (tests, portable use)."""
    folder = os.environ.get(CONFIG_DIR_VARIABLE) or platformdirs.user_config_dir(
        "fsa-desk", appauthor=False
    )
    return Path(folder) / CONFIG_NAME


def load_start_config(path: Path | None = None) -> StartConfig:
    """The saved start configuration; an unreadable or foreign file counts as no settings, so a
    damaged config never keeps the counsellor from her data."""
    try:
        raw = json.loads((path or config_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return StartConfig()
    if not isinstance(raw, dict):
        return StartConfig()
    language = raw.get("language")
    data_dir = raw.get("data_dir")
    return StartConfig(
        language=language if language in LANGUAGES else None,
        data_dir=Path(data_dir) if isinstance(data_dir, str) and data_dir else None,
    )


def save_start_config(config: StartConfig, path: Path | None = None) -> None:
    """Write atomically: a crash while saving leaves the previous file intact."""
    if config.language is not None and config.language not in LANGUAGES:
        raise InputRejected(_("Unknown language {language}.").format(language=config.language))
    target = path or config_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "language": config.language,
        "data_dir": str(config.data_dir) if config.data_dir else None,
    }
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=2), encoding="utf-8")
    os.replace(tmp, target)


# --- inside the database ------------------------------------------------------------------------


@dataclass(frozen=True)
class Preferences:
    """This installation's working settings."""

    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    # contact type code → default duration in minutes for a new consultation
    contact_minutes: dict[str, int] = field(default_factory=dict)

    def minutes_for(self, contact_type: str) -> int | None:
        return self.contact_minutes.get(contact_type)


def shipped_contact_minutes() -> dict[str, int]:
    """The defaults of the contact type code list (``default_minutes``)."""
    return {
        code.code: int(str(code.extra["default_minutes"]))
        for code in code_list("contact_types")
        if "default_minutes" in code.extra
    }


def load_preferences(store: Store) -> Preferences:
    """The stored settings over the shipped defaults."""
    with store.read() as session:
        stored = {row.key: row.value for row in session.scalars(select(Setting))}
    minutes = shipped_contact_minutes()
    minutes.update(_valid_contact_minutes(_json(stored.get(_CONTACT_MINUTES_KEY))))
    idle = _json(stored.get(_IDLE_KEY))
    if not _in_range(idle, IDLE_LOCK_RANGE):
        idle = DEFAULT_IDLE_LOCK_MINUTES
    return Preferences(idle_lock_minutes=idle, contact_minutes=minutes)


def save_preferences(store: Store, preferences: Preferences) -> Preferences:
    """Check and store; raises ``InputRejected`` naming every bad value, storing nothing."""
    _check(preferences)
    values = {
        _IDLE_KEY: preferences.idle_lock_minutes,
        _CONTACT_MINUTES_KEY: dict(sorted(preferences.contact_minutes.items())),
    }
    with store.transaction() as session:
        for key, value in values.items():
            session.merge(Setting(key=key, value=json.dumps(value)))
    return load_preferences(store)


def _check(preferences: Preferences) -> None:
    checks = Checks(date.today())
    low, high = IDLE_LOCK_RANGE
    if not _in_range(preferences.idle_lock_minutes, IDLE_LOCK_RANGE):
        checks.add(
            "idle_lock_minutes",
            _("The idle lock time must be between {low} and {high} minutes.").format(
                low=low, high=high
            ),
        )
    known = {code.code for code in code_list("contact_types")}
    for contact_type, minutes in preferences.contact_minutes.items():
        if contact_type not in known:
            checks.add(contact_type, _("Unknown contact type {code}.").format(code=contact_type))
        elif not _in_range(minutes, CONTACT_MINUTES_RANGE):
            checks.add(
                contact_type,
                _(
                    "{contact_type}: a default duration must be between {low} and {high} minutes."
                ).format(
                    contact_type=code_list("contact_types").label(contact_type, language()),
                    low=CONTACT_MINUTES_RANGE[0],
                    high=CONTACT_MINUTES_RANGE[1],
                ),
            )
    checks.raise_if_any()


def _valid_contact_minutes(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        return {}
    return {
        str(code): minutes
        for code, minutes in raw.items()
        if _in_range(minutes, CONTACT_MINUTES_RANGE)
    }


def _in_range(value: Any, bounds: tuple[int, int]) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and bounds[0] <= value <= bounds[1]
    )


def _json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


# --- the profile ----------------------------------------------------------------------------------


def rename_counsellor(store: Store, name: str) -> InstallationInfo:
    """Change the name of the counsellor working here (the code stays: it identifies her in
    the team). The change is logged and travels with the next export like any other."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputRejected(_("The name must not be empty."))
    counsellor_id = store.installation_counsellor_id()
    if counsellor_id is None:
        raise InputRejected(_("This installation has no counsellor yet."))
    with store.transaction() as session:
        counsellor = session.get(Counsellor, counsellor_id)
        if counsellor is not None and counsellor.name != cleaned:
            counsellor.name = cleaned
    return describe(store)
