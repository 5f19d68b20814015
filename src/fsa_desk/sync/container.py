"""The bundle's inner container: an uncompressed POSIX (ustar) tar, written and read in memory.

Writing uses ``tarfile`` so that ``tar -x`` on any system reads it. Reading is our own strict
parser instead of ``tarfile``, which accepts long-name extensions, links, devices and paths: we
accept only plain regular files with short, simple names, every header checksummed, every size
within the data, and nothing but zero blocks after the last file. Nothing is ever written to disk.
"""

from __future__ import annotations

import io
import re
import tarfile
import time
from collections.abc import Sequence

from fsa_desk.sync import rejections

BLOCK = 512
_ZERO_BLOCK = bytes(BLOCK)
_NAME = re.compile(rb"[a-z][a-z0-9._-]{0,99}")
_MAGIC = b"ustar\x0000"


def write_tar(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A ustar archive of ``members`` (name, content), in this order."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, content in members:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = 0o600
            info.mtime = int(time.time())
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def read_tar(data: bytes, max_members: int = 8) -> list[tuple[str, memoryview]]:
    """The (name, content) pairs of a strict ustar archive; ``damaged`` for anything else.

    Contents are views into ``data``, not copies: a full bundle's payload is tens of megabytes.
    """
    view = memoryview(data)
    members: list[tuple[str, memoryview]] = []
    offset = 0
    while True:
        header = data[offset : offset + BLOCK]
        if len(header) < BLOCK:
            raise rejections.damaged()
        if header == _ZERO_BLOCK:
            break
        if len(members) == max_members:
            raise rejections.damaged()
        name, size = _parse_header(header)
        start = offset + BLOCK
        if start + size > len(data):
            raise rejections.damaged()
        members.append((name, view[start : start + size]))
        offset = start + -(-size // BLOCK) * BLOCK
    _check_end(view[offset:])
    return members


def _parse_header(header: bytes) -> tuple[str, int]:
    if header[257:265] != _MAGIC or header[156:157] != b"0":
        raise rejections.damaged()
    if _checksum(header) != _octal(header[148:156]):
        raise rejections.damaged()
    name = header[:100].rstrip(b"\x00")
    if not _NAME.fullmatch(name) or any(header[157:257]) or any(header[345:500]):
        raise rejections.damaged()
    return name.decode("ascii"), _octal(header[124:136])


def _checksum(header: bytes) -> int:
    return sum(header[:148]) + 8 * ord(" ") + sum(header[156:])


def _octal(field: bytes) -> int:
    digits = field.rstrip(b"\x00 ").lstrip(b" ")
    if not digits or not digits.isdigit() or b"8" in digits or b"9" in digits:
        raise rejections.damaged()
    return int(digits, 8)


def _check_end(rest: memoryview) -> None:
    """At least the two zero blocks that end an archive, and nothing else after them."""
    if len(rest) < 2 * BLOCK or len(rest) % BLOCK or any(bytes(rest)):
        raise rejections.damaged()
