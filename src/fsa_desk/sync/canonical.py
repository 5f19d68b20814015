"""Canonical JSON: UTF-8, sorted keys, no whitespace — one byte string per value, to sign.

Reading is strict: a document is accepted only if it *is* the canonical form of what it parses
to. A signature then covers exactly one meaning, and no reader has to guess about duplicate keys,
odd number forms or whitespace.
"""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def parse_canonical(data: bytes) -> dict[str, Any]:
    """The object ``data`` encodes; ``ValueError`` unless ``data`` is its canonical form."""
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("not JSON") from error
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    if canonical_json(value) != data:
        raise ValueError("not in canonical form")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result
