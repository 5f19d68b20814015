"""Where fsa-desk finds its shipped data: migrations/ and resources/.

The same code runs from a source checkout (top-level folders), an installed wheel (the folders
travel as ``fsa_desk/_migrations`` and ``fsa_desk/_resources``) and a frozen PyInstaller build
(the folders sit under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root(name: str) -> Path:
    """The directory of the shipped data folder ``name`` (``migrations`` or ``resources``)."""
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"fsa-desk is incomplete: the folder {name!r} is missing")


def _candidates(name: str) -> list[Path]:
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen_root) / name] if frozen_root else []
    candidates.append(_PACKAGE_DIR / f"_{name}")  # installed wheel
    candidates.append(_PACKAGE_DIR.parent.parent / name)  # checkout: src/fsa_desk/../../name
    return candidates


def resources_dir() -> Path:
    return data_root("resources")


def migrations_dir() -> Path:
    return data_root("migrations")
