"""Name matching across transliterations: "Mohammed", "Muhammad" and "Mohamed" find each other.

Arabic, Dari, Tigrinya or Ukrainian names reach German files in many Latin spellings. A search
key keeps letters only, without diacritics; a *skeleton* further folds the usual
transliteration variants (kh/ch/h, sh/sch/ch, dj/j/dsch, ou/u, y/i …) and drops vowels after the
first letter, so spellings that differ only there share a skeleton. Skeletons serve recall: the
search shows a few too many rather than miss the person already on file.
"""

from __future__ import annotations

import re
import unicodedata

_FOLDS = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("dsch", "j"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "h"),
    ("kh", "h"),
    ("dj", "j"),
    ("zh", "j"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("z", "s"),
    ("ou", "u"),
    ("ee", "i"),
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[^\W\d_]+")


def search_key(text: str) -> str:
    """Lower case, umlauts spelt out, diacritics and non-letters removed."""
    # casefold again after NFKD: compatibility forms (e.g. 𝕬) decompose to capitals.
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UMLAUTS)).casefold()
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The search keys of the words in ``text`` (hyphens and spaces separate)."""
    return [key for key in (search_key(w) for w in _WORD.findall(text)) if key]


def skeleton(word: str) -> str:
    """Transliteration-folded consonant skeleton of one word's search key."""
    key = search_key(word)
    if not key:
        return ""
    for old, new in _FOLDS:
        key = key.replace(old, new)
    # German J is English Y ("Jusuf", "Yusuf"); inside a word y is a vowel ("Ayesha", "Aisha").
    head, tail = key[0].replace("y", "j"), re.sub(r"[aeiouy]", "", key[1:])
    return _squeeze(head + tail)


def _squeeze(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)
