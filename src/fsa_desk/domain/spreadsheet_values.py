"""Cell values as German offices write them: dates, numbers with a decimal comma, code words.

Pure functions on text. "03.02.2025" and "2025-02-03" are one day; "1,5" hours are 90 minutes;
"Büro", "buero" and "Buero" one contact type; "Alltag, Werte und Orientierung; Wohnen" two life
areas, because known labels are matched before a cell is split at its commas.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from fsa_desk.domain.codes import Code, CodeListError, code_list
from fsa_desk.domain.spreadsheet_german import fold, german_words
from fsa_desk.i18n import _

# A time of day after a date is read past: Excel exports date cells as "03.02.2025 00:00".
_TIME = r"(?:(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*Uhr)?)?"
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_GERMAN_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME)
_SHORT_YEAR = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2}" + _TIME)
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_CLOCK = re.compile(r"(\d{1,3}):([0-5]\d)(?::00)?")  # "1:30" as Excel shows a duration
_SEPARATORS = frozenset(",;/\n")
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_PUNCTUATION_SPACE = re.compile(r"\s*([,;/()\[\].:\-])\s*")
_PARAGRAPH = re.compile(
    r"§\s*(\d+[a-z]?)(?:\s*(?:Abs\.?|Absatz)\s*\d+[a-z]?)?(?:\s*(?:S\.|Satz)\s*\d+)?"
    r"(?:\s*(?:AufenthG|AsylG))?",
    re.IGNORECASE,
)
_MINUTES_PER_HOUR = Decimal(60)


# --- days ------------------------------------------------------------------------------------


def parse_day(text: str) -> date | None:
    """A calendar day from "2024-03-05", "05.03.2024" or "5.3.2024"; None if there is none."""
    iso = _ISO_DAY.fullmatch(text)
    german = None if iso else _GERMAN_DAY.fullmatch(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if german:
            return date(int(german[3]), int(german[2]), int(german[1]))
    except ValueError:
        return None
    return None


def day_problem(text: str) -> str:
    """Why ``text`` is not a day, in a sentence that says how to write it."""
    if _ISO_DAY.fullmatch(text) or _GERMAN_DAY.fullmatch(text):
        return _("The date '{text}' does not exist.").format(text=text)
    if _SHORT_YEAR.fullmatch(text):
        return _("'{text}': please write the year with four digits (DD.MM.YYYY).").format(text=text)
    return _("'{text}' is not a date (expected DD.MM.YYYY or YYYY-MM-DD).").format(text=text)


# --- numbers ---------------------------------------------------------------------------------


def parse_decimal(text: str) -> Decimal | None:
    """A number written with a decimal comma or point ("1,5", "1.5", "45"); None otherwise."""
    cleaned = text.strip()
    if not _DECIMAL.fullmatch(cleaned):
        return None
    return Decimal(cleaned.replace(",", "."))


def parse_minutes(text: str, *, hours: bool = False) -> int | None:
    """Whole minutes from minutes ("45", "45,0") or hours ("1,5"), or from "1:30" either way;
    rounded to the nearest minute. None when the text is no number."""
    clock = _CLOCK.fullmatch(text.strip())
    if clock:
        return int(clock[1]) * 60 + int(clock[2])
    number = parse_decimal(text)
    if number is None:
        return None
    minutes = number * _MINUTES_PER_HOUR if hours else number
    return int(minutes.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- code-list values ------------------------------------------------------------------------


def value_key(text: str) -> str:
    """Like ``codes.normalize``, and also blind to umlaut spelling and to spaces around
    punctuation: "Alltag,Werte und Orientierung" and "alltag, werte und orientierung" match."""
    spaced = _PUNCTUATION_SPACE.sub(r"\1", fold(text))
    return " ".join(spaced.split())


@cache
def _loose_index(list_name: str) -> dict[str, str]:
    """Loose key → code, from the code list and the German words; ambiguous keys are left out."""
    codes = code_list(list_name)
    owners: dict[str, set[str]] = {}
    for code in codes:
        for name in (code.code, code.de, code.en, *code.aliases):
            for variant in (name, _BRACKETED.sub("", name)):
                owners.setdefault(value_key(variant), set()).add(code.code)
    for code_name, words in german_words().values.get(list_name, {}).items():
        if code_name not in codes:
            raise CodeListError(f"german.toml: {list_name} has no code {code_name!r}")
        for word in words:
            owners.setdefault(value_key(word), set()).add(code_name)
    return {key: next(iter(found)) for key, found in owners.items() if len(found) == 1 and key}


def lookup(list_name: str, text: str) -> Code | None:
    """The entry a cell names by code, label, alias or German word, however it is spelled."""
    codes = code_list(list_name)
    found = codes.lookup(text)
    if found is not None:
        return found
    code = _loose_index(list_name).get(value_key(text))
    return codes.get(code) if code is not None else None


@lru_cache(maxsize=4096)
def split_codes(text: str, list_name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The codes a cell names, and the pieces that name none.

    Pieces are separated by ``,`` ``;`` ``/`` or a line break (Alt+Enter in an Excel cell),
    outside brackets; the longest run of pieces that is a known code, label or alias wins, so
    "Alltag, Werte und Orientierung" stays one life area. A label may leave out its bracketed
    part.
    """
    lines = (" ".join(line.split()) for line in text.splitlines())
    parts = _parts("\n".join(line for line in lines if line))
    count = len(parts) // 2 + 1  # names at even positions, separators between them
    found: list[str] = []
    unknown: list[str] = []
    start = 0
    while start < count:
        for end in range(count, start, -1):
            known = _lookup_run(list_name, "".join(parts[2 * start : 2 * end - 1]))
            if known is not None:
                found.append(known.code)
                start = end
                break
        else:
            piece = parts[2 * start].strip()
            if piece:
                unknown.append(piece)
            start += 1
    return tuple(dict.fromkeys(found)), tuple(unknown)


def _parts(text: str) -> list[str]:
    """Names and the separators between them; separators inside brackets do not count."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for character in text:
        if character in "([":
            depth += 1
        elif character in ")]" and depth:
            depth -= 1
        if depth == 0 and character in _SEPARATORS:
            parts += ["".join(current), character]
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def _lookup_run(list_name: str, run: str) -> Code | None:
    if not run.strip():
        return None
    found = lookup(list_name, run)
    if found is None and ("(" in run or "[" in run):
        found = lookup(list_name, _BRACKETED.sub("", run))
    return found


# --- residence status ------------------------------------------------------------------------


def residence_status(text: str) -> tuple[Code | None, str | None]:
    """The status a cell names and its legal basis: "AE § 25 Abs. 2" is ``erlaubnis`` with the
    detail "§ 25 Abs. 2"; "§ 24" names ``erlaubnis_24`` by its paragraph alone."""
    whole = lookup("residence_statuses", text)
    paragraph = _PARAGRAPH.search(text)
    if whole is not None or paragraph is None:
        return whole, None
    rest = (text[: paragraph.start()] + text[paragraph.end() :]).strip(" ,;-()")
    rest = re.sub(r"\s+nach$", "", rest, flags=re.IGNORECASE)
    status = next(_paragraph_statuses(paragraph), None)
    if status is None and rest:
        status = lookup("residence_statuses", rest)
    if status is None:
        return None, None
    detail = " ".join(paragraph[0].split()) if status.value("detail") is True else None
    return status, detail


def _paragraph_statuses(paragraph: re.Match[str]) -> Iterator[Code]:
    for name in (paragraph[0], f"§ {paragraph[1]}"):
        found = lookup("residence_statuses", name)
        if found is not None:
            yield found
