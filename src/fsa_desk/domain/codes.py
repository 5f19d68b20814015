"""Versioned code lists and the Kriterienkatalog, read from the TOML data in ``resources/``.

The lists are data, not code (DESIGN.md §2), so a provider adapts them by editing
``resources/codes/{name}.toml``. Every entry has a code, a German and an English label and
optional aliases; import accepts any of them, case-insensitively.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rapidfuzz import fuzz, process

from fsa_desk.paths import resources_dir

_CORE_FIELDS = frozenset({"code", "de", "en", "aliases"})
_BRACKETED = re.compile(r"\s*\([^()]*\)")
_LIST_NAME = re.compile(r"[a-z][a-z0-9_]*")
_NAME_PARTS = re.compile(r"[/()\s-]+")
# Below this similarity a "did you mean" would confuse more than help. token_sort_ratio, not
# WRatio: WRatio scores two-letter codes inside longer words ("in" in "Syrein") as near matches.
_SUGGEST_CUTOFF = 70.0
_EMPTY: Mapping[str, object] = MappingProxyType({})
_MISSING = object()


class CodeListError(Exception):
    """A code list or the Kriterienkatalog is missing or malformed."""


class UnknownCodeListError(CodeListError, LookupError):
    """No code list of that name exists in ``resources/codes``."""


class UnknownCodeError(CodeListError, KeyError):
    """A code is not in its list; ``suggestion`` is the closest known code, if any."""

    def __init__(self, list_name: str, code: str, suggestion: str | None = None) -> None:
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(f"unknown code {code!r} in {list_name}{hint}")
        self.list_name = list_name
        self.code = code
        self.suggestion = suggestion

    def __str__(self) -> str:
        return str(self.args[0])  # KeyError would print the message in quotes


def normalize(text: str) -> str:
    """The lookup key of a text: Unicode NFC, case-folded, whitespace trimmed and collapsed."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return " ".join(folded.split())


@dataclass(frozen=True)
class Code:
    """One entry of a code list; list-specific fields (``region``, ``direct``…) in ``extra``."""

    code: str
    de: str
    en: str
    aliases: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=lambda: _EMPTY, hash=False)

    def label(self, lang: str = "de") -> str:
        return self.en if _is_english(lang) else self.de

    def hint(self, lang: str = "de") -> str:
        """The coding hint shown in the entry dialog, or "" if the entry has none."""
        return str(self.extra.get("hint_en" if _is_english(lang) else "hint_de", ""))

    def value(self, name: str, default: object = None) -> object:
        """A core field (code, de, en, aliases) or a list-specific one by name."""
        if name in _CORE_FIELDS:
            return getattr(self, name)
        return self.extra.get(name, default)


class CodeList:
    """One versioned code list: entries in file order, found by code, label or alias."""

    def __init__(
        self, name: str, version: str, codes: Sequence[Code], lookup_fields: Sequence[str] = ()
    ) -> None:
        self.name = name
        self.version = version
        self.codes = tuple(codes)
        self._by_code = _index_codes(name, self.codes)
        self._by_key = _index_keys(name, self.codes, tuple(lookup_fields))
        self._keys = tuple(self._by_key)

    def __repr__(self) -> str:
        return f"CodeList({self.name!r}, version={self.version!r}, {len(self.codes)} codes)"

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> Code:
        """The entry with exactly this code; ``UnknownCodeError`` (a KeyError) otherwise."""
        try:
            return self._by_code[code]
        except KeyError:
            suggestion = self.suggest(code)
            closest = suggestion.code if suggestion else None
            raise UnknownCodeError(self.name, code, closest) from None

    def label(self, code: str, lang: str = "de") -> str:
        return self.get(code).label(lang)

    def lookup(self, text: str) -> Code | None:
        """The entry named by its code, label, label without brackets or an alias, in any case."""
        return self._by_key.get(normalize(text))

    def suggest(self, text: str) -> Code | None:
        """The closest entry for a "did you mean …" message, or None if nothing is close."""
        match = process.extractOne(
            normalize(text), self._keys, scorer=fuzz.token_sort_ratio, score_cutoff=_SUGGEST_CUTOFF
        )
        return None if match is None else self._by_key[match[0]]

    def codes_where(self, **field_values: object) -> tuple[Code, ...]:
        """The entries whose fields equal all the given values, e.g. ``direct=True``."""
        return tuple(
            code
            for code in self.codes
            if all(code.value(name, _MISSING) == value for name, value in field_values.items())
        )


def _is_english(lang: str) -> bool:
    return lang.casefold().startswith("en")


def _index_codes(list_name: str, codes: Sequence[Code]) -> dict[str, Code]:
    index: dict[str, Code] = {}
    for code in codes:
        if code.code in index:
            raise CodeListError(f"{list_name}: the code {code.code!r} appears twice")
        index[code.code] = code
    return index


def _index_keys(
    list_name: str, codes: Sequence[Code], lookup_fields: tuple[str, ...]
) -> dict[str, Code]:
    index: dict[str, Code] = {}
    for code in codes:
        for name in _names(code, lookup_fields):
            _add_unambiguous(index, normalize(name), code, list_name)
    # A label without its bracketed part is only a fallback: it never shadows a full name and
    # is dropped when two entries would share it ("Kurdisch (Sorani)", "Kurdisch (Kurmandschi)").
    for key, code in _bracketless_names(codes, index).items():
        index[key] = code
    return index


def _names(code: Code, lookup_fields: tuple[str, ...]) -> Iterator[str]:
    yield from (code.code, code.de, code.en, *code.aliases)
    yield from (str(code.extra[name]) for name in lookup_fields if code.extra.get(name))


def _add_unambiguous(index: dict[str, Code], key: str, code: Code, list_name: str) -> None:
    other = index.setdefault(key, code)
    if other.code != code.code:
        raise CodeListError(f"{list_name}: {key!r} names both {other.code!r} and {code.code!r}")


def _bracketless_names(codes: Sequence[Code], taken: Mapping[str, Code]) -> dict[str, Code]:
    owners: dict[str, dict[str, Code]] = {}
    for code in codes:
        for label in (code.de, code.en):
            key = normalize(_BRACKETED.sub("", label))
            if key and key not in taken:
                owners.setdefault(key, {})[code.code] = code
    return {key: next(iter(found.values())) for key, found in owners.items() if len(found) == 1}


# --- loading code lists ----------------------------------------------------------------------


def codes_dir() -> Path:
    return resources_dir() / "codes"


def available_code_lists() -> tuple[str, ...]:
    """The names of all shipped code lists, sorted."""
    return tuple(sorted(path.stem for path in codes_dir().glob("*.toml")))


@cache
def code_list(name: str) -> CodeList:
    """The code list ``resources/codes/{name}.toml``, loaded once per process."""
    path = codes_dir() / f"{name}.toml"
    if not _LIST_NAME.fullmatch(name) or not path.is_file():
        known = ", ".join(available_code_lists())
        raise UnknownCodeListError(f"unknown code list {name!r}; known lists: {known}")
    return load_code_list(path)


def load_code_list(path: Path) -> CodeList:
    """Read one code list file; the list is named after the file."""
    data = _read_toml(path)
    entries = data.get("code")
    if not isinstance(entries, list) or not entries:
        raise CodeListError(f"{path.name}: no [[code]] entries")
    codes = [_parse_code(entry, path.name) for entry in entries]
    lookup_fields = _str_tuple(data.get("lookup_fields", []), f"{path.name}: lookup_fields")
    return CodeList(path.stem, _required_str(data, "version", path.name), codes, lookup_fields)


def _parse_code(entry: object, file_name: str) -> Code:
    if not isinstance(entry, dict):
        raise CodeListError(f"{file_name}: a [[code]] entry is not a table")
    where = f"{file_name}, code {entry.get('code')!r}"
    code, de, en = (_required_str(entry, key, where) for key in ("code", "de", "en"))
    aliases = _str_tuple(entry.get("aliases", []), f"{where}: aliases")
    extra = MappingProxyType({k: v for k, v in entry.items() if k not in _CORE_FIELDS})
    return Code(code, de, en, aliases, extra)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CodeListError(f"cannot read {path}: {error}") from error


def _required_str(table: Mapping[str, object], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CodeListError(f"{where}: {key!r} must be a non-empty string")
    return value


def _str_tuple(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CodeListError(f"{where}: expected a list of strings")
    return tuple(value)


# --- Dresden districts and regions -----------------------------------------------------------


def region_of_district(name: str) -> str | None:
    """The region code (nord, west, mitte, sued) of a Dresden Stadtteil, or None if unknown.

    Accepts a district's code, label or alias, and also a common umbrella name such as
    "Johannstadt" or "Gorbitz" when every district carrying that name lies in one region.
    """
    districts = code_list("districts")
    district = districts.lookup(name)
    if district is not None:
        return _region(district)
    key = normalize(name)
    regions = {_region(district) for district in districts if key in _name_parts(district)}
    return regions.pop() if len(regions) == 1 else None


def _region(district: Code) -> str:
    return str(district.extra["region"])


def _name_parts(district: Code) -> set[str]:
    names = (district.de, *district.aliases, str(district.extra.get("stadtbezirk", "")))
    return {normalize(part) for name in names for part in _NAME_PARTS.split(name) if part}


# --- Kriterienkatalog ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kriterium:
    """One item of the Kriterienkatalog that a Bedarfsanzeige can cite, within one life area."""

    code: str
    life_area: str
    de: str
    en: str

    def label(self, lang: str = "de") -> str:
        return self.en if _is_english(lang) else self.de


@dataclass(frozen=True)
class Kriterienkatalog:
    """The catalogue of Fachleistung criteria; while ``draft`` is set, forms print ``title``."""

    version: str
    draft: bool
    title: str
    items: tuple[Kriterium, ...]

    @property
    def life_areas(self) -> tuple[str, ...]:
        """The life areas that have criteria, in catalogue order."""
        return tuple(dict.fromkeys(item.life_area for item in self.items))

    def for_life_area(self, life_area: str) -> tuple[Kriterium, ...]:
        return tuple(item for item in self.items if item.life_area == life_area)

    def get(self, code: str) -> Kriterium:
        for item in self.items:
            if item.code == code:
                return item
        raise UnknownCodeError("Kriterienkatalog", code)


def kriterienkatalog_dir() -> Path:
    return resources_dir() / "kriterienkatalog"


@cache
def kriterienkatalog(path: Path | None = None) -> Kriterienkatalog:
    """The catalogue in ``path``, or by default the one with the newest version in resources."""
    if path is not None:
        return load_kriterienkatalog(path)
    files = sorted(kriterienkatalog_dir().glob("*.toml"))
    if not files:
        raise CodeListError(f"no Kriterienkatalog in {kriterienkatalog_dir()}")
    # On equal versions the file sorting last wins, so a renamed copy can override the shipped one.
    return max(reversed([load_kriterienkatalog(file) for file in files]), key=lambda k: k.version)


def load_kriterienkatalog(path: Path) -> Kriterienkatalog:
    """Read one catalogue file; every item must name a known life area and a unique code."""
    data = _read_toml(path)
    draft = data.get("draft")
    if not isinstance(draft, bool):
        raise CodeListError(f"{path.name}: 'draft' must be true or false")
    entries = data.get("kriterium")
    if not isinstance(entries, list) or not entries:
        raise CodeListError(f"{path.name}: no [[kriterium]] entries")
    items = tuple(_parse_kriterium(entry, path.name) for entry in entries)
    _check_unique_kriterien(items, path.name)
    version, title = (_required_str(data, key, path.name) for key in ("version", "title"))
    return Kriterienkatalog(version, draft, title, items)


def _parse_kriterium(entry: object, file_name: str) -> Kriterium:
    if not isinstance(entry, dict):
        raise CodeListError(f"{file_name}: a [[kriterium]] entry is not a table")
    where = f"{file_name}, kriterium {entry.get('code')!r}"
    code, life_area, de, en = (
        _required_str(entry, key, where) for key in ("code", "life_area", "de", "en")
    )
    if life_area not in code_list("life_areas"):
        raise CodeListError(f"{where}: unknown life area {life_area!r}")
    return Kriterium(code, life_area, de, en)


def _check_unique_kriterien(items: Sequence[Kriterium], file_name: str) -> None:
    codes = [item.code for item in items]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise CodeListError(f"{file_name}: duplicate kriterium codes {duplicates}")
