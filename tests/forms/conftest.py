"""Reading PDFs back as a clerk would: pages, A4, text, and rendered images."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.services.conftest import family  # noqa: F401  (fixture)

A4_POINTS = (595.28, 841.89)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def body_text(pdf: bytes) -> str:
    """The text of all pages without the page frame (the header's title and marks first, the
    footer last), so a sentence broken across pages reads whole again."""
    bodies = []
    for text in pages_text(pdf):
        lines = text.splitlines()[:-1]  # the footer
        header = lines[0]
        while lines and (lines[0] == header or lines[0].startswith(("ENTWURF", "Entwurf"))):
            lines.pop(0)
        bodies.append("\n".join(lines))
    return flat(" ".join(bodies))


def flat(text: str) -> str:
    """Whitespace-insensitive: line breaks of the layout do not matter."""
    return " ".join(text.split())


def assert_a4(pdf: bytes) -> None:
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (
            round(A4_POINTS[0], 1),
            round(A4_POINTS[1], 1),
        )


def render_pages(pdf: bytes, folder: Path, name: str) -> list[Path]:
    """PNG images of the pages via pypdfium2 (a test dependency)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    paths = []
    for index in range(len(document)):
        image = document[index].render(scale=1).to_pil()
        path = folder / f"{name}-{index + 1}.png"
        image.save(path)
        paths.append(path)
    return paths


def ink_share(path: Path) -> float:
    """The share of non-white pixels: a page that rendered blank has none."""
    from PIL import Image

    with Image.open(path) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    return 1 - sum(histogram[240:]) / sum(histogram)
