"""Every user-visible message has a German translation, and the compiled catalog is current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from fsa_desk import i18n

ROOT = Path(__file__).resolve().parent.parent


def load_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "packaging/translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations"] = module
    spec.loader.exec_module(module)
    return module


def test_german_catalog_is_complete_and_compiled() -> None:
    assert load_tool().problems() == []


def test_language_switch_changes_messages() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("Wrong passphrase.") == "Wrong passphrase."
        i18n.set_language("de")
        assert i18n._("Wrong passphrase.") == "Falsche Passphrase."
    finally:
        i18n.set_language("de")
