"""The German names of spreadsheet columns and values, read from ``resources/spreadsheet``.

Data, not code (DESIGN.md §2): a provider whose export heads a column "Fallnummer" or writes
"syrisch" for a nationality adds the word to ``german.toml``. Loaded once per process; the
header and value stages build their indexes from it.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fsa_desk.domain.codes import CodeListError
from fsa_desk.paths import resources_dir

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class GermanWords:
    """Header names per canonical column, header names to read past, value words per list."""

    headers: Mapping[str, tuple[str, ...]]
    ignored_headers: tuple[str, ...]
    values: Mapping[str, Mapping[str, tuple[str, ...]]]  # code list → code → words


def fold(text: str) -> str:
    """Case, Unicode form and umlaut spelling removed: "Büro" and "BUERO" fold alike."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUTS)


def german_words_path() -> Path:
    return resources_dir() / "spreadsheet" / "german.toml"


@cache
def german_words() -> GermanWords:
    """The shipped ``german.toml``; ``CodeListError`` when it is malformed."""
    return load_german_words(german_words_path())


def load_german_words(path: Path) -> GermanWords:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CodeListError(f"cannot read {path}: {error}") from error
    headers = {column: _words(names, path, column) for column, names in _table(data, "headers")}
    ignored = _words(_table_dict(data, "ignored").get("headers", []), path, "ignored")
    values = {
        list_name: {
            code: _words(words, path, f"{list_name}.{code}")
            for code, words in _table(_table_dict(data, "values"), list_name)
        }
        for list_name in _table_dict(data, "values")
    }
    return GermanWords(headers, ignored, values)


def _table_dict(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise CodeListError(f"german.toml: [{key}] must be a table")
    return table


def _table(data: Mapping[str, Any], key: str) -> list[tuple[str, Any]]:
    return list(_table_dict(data, key).items())


def _words(value: object, path: Path, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise CodeListError(f"{path.name}: {where} must be a list of non-empty strings")
    return tuple(value)
