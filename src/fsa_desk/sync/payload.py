"""``changes.jsonl.zst``: the payload, written as a zstd stream and read back line by line.

Reading never holds the decompressed payload in memory (a full bundle unpacks to hundreds of
megabytes) and never decompresses a byte beyond the size the signed manifest declares or the
limit — a small bundle that unpacks to gigabytes stops at the limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import zstandard

from fsa_desk.sync import rejections

LEVEL = 3
_WINDOW_LIMIT = 2**23  # refuse frames that would need more decompression memory than this
_READ_SIZE = 2**20


@dataclass
class PayloadBuilder:
    """Collects lines, in HLC order, into one compressed zstd frame with their figures."""

    counts: dict[str, int] = field(default_factory=dict)
    hlc_from: str | None = None
    hlc_to: str | None = None
    content_size: int = 0
    _parts: list[bytes] = field(default_factory=list)
    _batch: list[bytes] = field(default_factory=list)
    _batch_size: int = 0
    _compressor: zstandard.ZstdCompressionObj = field(
        default_factory=lambda: zstandard.ZstdCompressor(level=LEVEL, threads=-1).compressobj()
    )

    def add(self, table: str, hlc: str | None, line: str | bytes) -> None:
        data = (line.encode("utf-8") if isinstance(line, str) else line) + b"\n"
        self.counts[table] = self.counts.get(table, 0) + 1
        if hlc is not None:
            self.hlc_from = self.hlc_from or hlc
            self.hlc_to = hlc
        self._batch.append(data)
        self._batch_size += len(data)
        if self._batch_size >= _READ_SIZE:
            self._compress_batch()

    def add_lines(self, lines: Sequence[tuple[str, str | None, str]]) -> None:
        """Many (table, HLC, line) at once, in HLC order: the fast path of a full export."""
        if not lines:
            return
        counts = self.counts
        for table, _hlc, _line in lines:
            counts[table] = counts.get(table, 0) + 1
        hlcs = [hlc for _table, hlc, _line in (lines[0], lines[-1]) if hlc is not None]
        if hlcs:
            self.hlc_from = self.hlc_from or hlcs[0]
            self.hlc_to = hlcs[-1]
        self._compress_batch()
        chunk = ("\n".join(line for _table, _hlc, line in lines) + "\n").encode("utf-8")
        self.content_size += len(chunk)
        self._parts.append(self._compressor.compress(chunk))

    def _compress_batch(self) -> None:
        chunk = b"".join(self._batch)
        self.content_size += len(chunk)
        self._parts.append(self._compressor.compress(chunk))
        self._batch, self._batch_size = [], 0

    def finish(self) -> bytes:
        self._compress_batch()
        self._parts.append(self._compressor.flush())
        return b"".join(self._parts)


def iter_lines(payload: bytes | memoryview, content_size: int, limit: int) -> Iterator[bytes]:
    """The lines of ``payload`` (without newlines), checked against its declared size."""
    if content_size > limit:
        raise rejections.content_too_large(limit // 2**20)
    decompressor = zstandard.ZstdDecompressor(max_window_size=_WINDOW_LIMIT)
    seen, rest = 0, b""
    try:
        with decompressor.stream_reader(payload, read_size=_READ_SIZE) as reader:
            while chunk := reader.read(_READ_SIZE):
                seen += len(chunk)
                if seen > content_size:  # more than the signed manifest declares
                    raise rejections.damaged()
                *lines, rest = (rest + chunk).split(b"\n")
                yield from lines
    except zstandard.ZstdError:
        raise rejections.damaged() from None
    if seen != content_size or rest:
        raise rejections.damaged()
