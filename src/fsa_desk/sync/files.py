"""Writing bundles, cards, team files and key files so that a crash never leaves half a file."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Temp file, flush, fsync, rename; then read back and compare (DESIGN.md §5 "Export")."""
    tmp = path.with_name(f".{path.name}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    descriptor = os.open(tmp, flags, 0o600 if private else 0o644)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(data).digest():
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))


def read_limited(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None if it is larger than ``limit`` (never read in full then)."""
    with path.open("rb") as file:
        data = file.read(limit + 1)
    return None if len(data) > limit else data
