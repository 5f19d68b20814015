"""How the CLI speaks: one line on stderr for errors, ``--json`` summaries on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message)


def error(message: str) -> None:
    print(f"fsa-desk: {message}", file=sys.stderr)
