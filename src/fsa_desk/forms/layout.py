"""What every printed form shares: a form's content as plain data, and its A4 PDF and text.

A form is a ``FormDocument`` — a title and sections of labelled texts, tables, checkboxes and
signature fields. ``render_pdf`` lays it out on A4 pages with the same frame on every page
(title, the draft-catalogue mark while it applies, and a footer with the provider — or
"Träger: nicht angegeben" —, the ``household_ref`` and "Seite x von y"); ``render_text`` gives
the exact text the PDF carries, for the client preview "Was geht ans Amt". Long answers flow onto
further pages: nothing is ever cut off.

reportlab is imported only when a PDF is made (start-up stays fast, DESIGN.md §4).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from xml.sax.saxutils import escape

from fsa_desk.i18n import _
from fsa_desk.paths import resources_dir

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

FONT = "FsaSans"
FONT_BOLD = "FsaSans-Bold"
_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/Library/Fonts"),
)
MARGIN_MM = 18


# --- the content --------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A labelled answer; ``empty`` is printed when there is none (never a blank that looks
    like a forgotten field). ``hint`` is a soft length hint for the editor, never printed."""

    label: str
    text: str | None
    empty: str = "—"
    hint: str | None = None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None  # a bold last row
    widths: tuple[float, ...] | None = None  # shares of the text width
    empty: str = "—"


@dataclass(frozen=True)
class Checks:
    """Checkbox lines: (text, ticked)."""

    items: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Note:
    """A short paragraph without a label (explanations, legal notes)."""

    text: str


@dataclass(frozen=True)
class Signatures:
    """Signature fields side by side: each "Unterschrift …" with place and date."""

    fields: tuple[tuple[str, str | None], ...]  # (label, date already signed as text)


Item = Text | Table | Checks | Note | Signatures


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class FormDocument:
    title: str
    subtitle: str | None
    sections: tuple[Section, ...]
    provider: str | None = None
    household_ref: str | None = None  # None: the form has no household (Abrechnung)
    draft_mark: str | None = None  # "ENTWURF – nicht amtlicher Kriterienkatalog" while it applies
    status_mark: str | None = None  # e.g. "Entwurf" on an open Abrechnung
    facts: tuple[tuple[str, str], ...] = field(default=())  # key facts under the title


def footer_text(document: FormDocument, page: int, pages: int) -> str:
    provider = document.provider or _("not stated")
    parts = [_("Provider: {provider}").format(provider=provider)]
    if document.household_ref is not None:
        parts.append(_("Household: {ref}").format(ref=document.household_ref))
    parts.append(_("Page {page} of {pages}").format(page=page, pages=pages))
    return "  ·  ".join(parts)


# --- plain text (the client preview) -----------------------------------------------------


def render_text(document: FormDocument) -> str:
    """Every word the PDF prints, in reading order (without the page frame)."""
    lines = [document.title]
    if document.subtitle:
        lines.append(document.subtitle)
    for mark in (document.draft_mark, document.status_mark):
        if mark:
            lines.append(mark)
    lines += [f"{key}: {value}" for key, value in document.facts]
    for section in document.sections:
        lines += ["", section.heading]
        for item in section.items:
            lines += _item_lines(item)
    return "\n".join(lines) + "\n"


def _item_lines(item: Item) -> list[str]:
    if isinstance(item, Text):
        return [f"{item.label}:", _answer(item)]
    if isinstance(item, Note):
        return [item.text]
    if isinstance(item, Checks):
        return [f"{_box(ticked, plain=True)} {text}" for text, ticked in item.items]
    if isinstance(item, Signatures):
        return [f"{label}: {signed or '________________'}" for label, signed in item.fields]
    rows = list(item.rows) or [(item.empty,)]
    body = [" | ".join(item.columns)] + [" | ".join(row) for row in rows]
    return body + ([" | ".join(item.total)] if item.total else [])


def _answer(item: Text) -> str:
    return item.text.strip() if item.text and item.text.strip() else item.empty


def _box(ticked: bool, *, plain: bool = False) -> str:
    if plain or not unicode_font():
        return "[x]" if ticked else "[ ]"
    return "☒" if ticked else "☐"


# --- PDF --------------------------------------------------------------------------------------


@cache
def unicode_font() -> bool:
    """Register DejaVu Sans (any Latin, Greek, Cyrillic script of the client's own words);
    without it the PDF falls back to Helvetica, which prints Western European text only."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = _font_dir()
    if folder is None:
        return False
    regular, bold = (str(folder / name) for name in _FONT_FILES)
    pdfmetrics.registerFont(TTFont(FONT, regular))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, bold))
    for italic in (0, 1):
        addMapping(FONT, 0, italic, FONT)
        addMapping(FONT, 1, italic, FONT_BOLD)
    return True


def _font_dir() -> Path | None:
    for folder in (resources_dir() / "fonts", *_SYSTEM_FONT_DIRS):
        if all((folder / name).is_file() for name in _FONT_FILES):
            return folder
    return None


def fonts() -> tuple[str, str]:
    return (FONT, FONT_BOLD) if unicode_font() else ("Helvetica", "Helvetica-Bold")


@cache
def styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts()
    grey = HexColor("#444444")
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=10.5, leading=14),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=11, leading=14, spaceBefore=9, spaceAfter=3
        ),
        "label": ParagraphStyle(
            "label", fontName=bold, fontSize=8.5, leading=11, textColor=grey, spaceBefore=4
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5, spaceAfter=3),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", fontName=bold, fontSize=8.5, leading=10.5),
        "cell_small": ParagraphStyle("cell_small", fontName=regular, fontSize=7.5, leading=9.5),
        "cell_small_bold": ParagraphStyle("cell_small_bold", fontName=bold, fontSize=7, leading=9),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10, textColor=grey),
    }


def markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in text.strip().splitlines())


def render_pdf(document: FormDocument) -> bytes:
    """The form as an A4 PDF: the same frame on every page, answers flowing onward."""
    return render_flowables(document, lambda width: _story(document, width))


def _header(document: FormDocument) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    regular, bold = fonts()

    def draw(canvas: Any, _doc: Any) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(MARGIN_MM * mm, height - 12 * mm, document.title)
        marks = [m for m in (document.draft_mark, document.status_mark) if m]
        if marks:
            canvas.setFont(bold, 9)
            canvas.setFillColor(HexColor("#B00020"))
            canvas.drawRightString(width - MARGIN_MM * mm, height - 12 * mm, "  ·  ".join(marks))
        canvas.setStrokeColor(HexColor("#999999"))
        canvas.line(MARGIN_MM * mm, height - 14 * mm, width - MARGIN_MM * mm, height - 14 * mm)
        canvas.restoreState()

    return draw


def _numbered(document: FormDocument) -> Any:
    """A canvas that holds pages back until the end, so each footer can say "von y"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    regular, _bold = fonts()

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(regular, 7.5)
                self.drawCentredString(
                    A4[0] / 2, 10 * mm, footer_text(document, number, len(self._pages))
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def _story(document: FormDocument, width: float) -> list[Flowable]:
    from reportlab.platypus import Paragraph, Spacer

    style = styles()
    story: list[Flowable] = [Paragraph(markup(document.title), style["title"])]
    if document.subtitle:
        story.append(Paragraph(markup(document.subtitle), style["subtitle"]))
    if document.facts:
        rows = tuple((key, value) for key, value in document.facts)
        story.append(Spacer(1, 4))
        story.append(_table(Table(("", ""), rows, widths=(0.3, 0.7)), width, header=False))
    for section in document.sections:
        story += _section(section, width)
    return story


def _section(section: Section, width: float) -> list[Flowable]:
    from reportlab.platypus import CondPageBreak, Paragraph

    style = styles()
    # A heading never stands alone at the foot of a page.
    flowables: list[Flowable] = [
        CondPageBreak(60),
        Paragraph(markup(section.heading), style["heading"]),
    ]
    for item in section.items:
        flowables += _item(item, width)
    return flowables


def _item(item: Item, width: float) -> list[Flowable]:
    from reportlab.platypus import Paragraph

    style = styles()
    if isinstance(item, Text):
        answer = _answer(item)
        return [Paragraph(markup(item.label), style["label"])] + [
            Paragraph(markup(part), style["body"]) for part in _paragraphs(answer)
        ]
    if isinstance(item, Note):
        return [Paragraph(markup(item.text), style["small"])]
    if isinstance(item, Checks):
        return [
            Paragraph(f"{_box(ticked)} {markup(text)}", style["body"])
            for text, ticked in item.items
        ]
    if isinstance(item, Signatures):
        return [_signatures(item, width)]
    return [_table(item, width)]


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; each paragraph may break across pages."""
    parts = [part for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return parts or [text]


def _table(item: Table, width: float, *, header: bool = True) -> Flowable:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as PdfTable

    style = styles()
    wide = len(item.columns) >= 6  # many columns: a smaller type, so no word breaks apart
    cell, bold = (
        (style["cell_small"], style["cell_small_bold"])
        if wide
        else (style["cell"], style["cell_bold"])
    )
    rows = list(item.rows) or [(item.empty, *[""] * (len(item.columns) - 1))]
    data = [[Paragraph(markup(c), bold) for c in item.columns]] if header else []
    data += [[Paragraph(markup(value), cell) for value in row] for row in rows]
    if item.total:
        data.append([Paragraph(markup(value), bold) for value in item.total])
    shares = item.widths or tuple(1 / len(item.columns) for _c in item.columns)
    table = PdfTable(
        data, colWidths=[width * share for share in shares], repeatRows=1 if header else 0
    )
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor("#EEEEEE")))
    table.setStyle(commands)
    return table


def _signatures(item: Signatures, width: float) -> Flowable:
    """A line to sign on per field, its label ("Unterschrift …") and place and date below."""
    from reportlab.lib.colors import black
    from reportlab.platypus import KeepTogether, Paragraph, Spacer
    from reportlab.platypus import Table as PdfTable

    style = styles()
    place_date = _("Place, date")
    gap = 8.0
    count = len(item.fields)
    field_width = (width - gap * (count - 1)) / count
    top: list[Any] = []
    bottom: list[Any] = []
    widths: list[float] = []
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for index, (label, signed) in enumerate(item.fields):
        if index:
            top.append("")
            bottom.append("")
            widths.append(gap)
        column = len(widths)
        dated = f"{place_date}: {signed}" if signed else f"{place_date}:"
        top.append("")
        bottom.append(
            [Paragraph(markup(label), style["cell_bold"]), Paragraph(markup(dated), style["cell"])]
        )
        widths.append(field_width)
        commands.append(("LINEBELOW", (column, 0), (column, 0), 0.8, black))
    table = PdfTable([top, bottom], colWidths=widths, rowHeights=[30, None])
    table.setStyle(commands)
    return KeepTogether([Spacer(1, 8), table])


def day_text(value: date | None) -> str:
    """A date as the forms print it, ``—`` where none is known."""
    return value.strftime("%d.%m.%Y") if value else "—"


class PersonRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def born(self) -> str | None: ...
    @property
    def sozialamt_ref(self) -> str | None: ...


def persons_section(persons: Sequence[PersonRow], empty: str) -> Section:
    """Section 1 of the Fachleistung forms: the persons included, with the Amt's file number."""
    rows = tuple((p.name, p.born or "—", p.sozialamt_ref or "—") for p in persons)
    return Section(
        _("1. Persons included"),
        (
            Table(
                (_("Name"), _("Born"), _("Sozialamt file number")),
                rows,
                widths=(0.5, 0.2, 0.3),
                empty=empty,
            ),
        ),
    )


def lines_of(texts: Sequence[str]) -> str:
    """Bullet lines for a Text answer."""
    return "\n".join(f"• {text}" for text in texts)


def render_flowables(document: FormDocument, story: Callable[[float], list[Flowable]]) -> bytes:
    """A PDF with the same page frame as ``render_pdf`` but a story of its own (the client
    sheet's large type and pictograms); ``story`` gets the text width."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    buffer = io.BytesIO()
    width, height = A4
    margin = MARGIN_MM * mm
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=document.title,
        author=document.provider or "",
        creator="fsa-desk",
    )
    frame = Frame(
        margin, margin + 4 * mm, width - 2 * margin, height - 2 * margin - 12 * mm, id="f"
    )
    template.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=_header(document))])
    template.build(story(width - 2 * margin), canvasmaker=_numbered(document))
    return buffer.getvalue()
