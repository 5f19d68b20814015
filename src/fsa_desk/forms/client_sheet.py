"""The client sheet "für Sie zum Mitnehmen": the agreed goals and next steps, what to bring,
important dates, how to reach the counsellor, how to complain and the client's data rights.

Plain German in large type, one simple pictogram per part (drawn with reportlab shapes, so they
print sharp on any printer and survive photocopying in grey). It carries the household's number
and the names it is for, nothing else about them, and never a note. ``blocks`` holds the
wording, so the text preview and the PDF say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fsa_desk.forms.layout import FormDocument, fonts, markup, render_flowables
from fsa_desk.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

DATA_AUTHORITY = "Sächsische Datenschutz- und Transparenzbeauftragte, www.datenschutz.sachsen.de"


@dataclass(frozen=True)
class SheetGoal:
    person: str
    text: str  # in the person's own words where they gave them
    due: date | None = None
    fallback: str | None = None  # the professional wording, for a script the PDF cannot shape

    @property
    def printable(self) -> str:
        """reportlab does not join or reorder right-to-left letters (DESIGN.md §11): rather
        than unreadable Arabic, the sheet prints the German wording where there is one."""
        if self.fallback and needs_shaping(self.text):
            return self.fallback
        return self.text


def needs_shaping(text: str) -> bool:
    """Right-to-left scripts (Arabic, Hebrew, Syriac, Thaana, N'Ko …) and their presentation
    forms."""
    return any("\u0590" <= char <= "\u08ff" or "\ufb1d" <= char <= "\ufefc" for char in text)


@dataclass(frozen=True)
class SheetStep:
    what: str  # who does what, as agreed
    due: date | None = None


@dataclass(frozen=True)
class SheetDate:
    what: str
    due: date


@dataclass(frozen=True)
class ClientSheet:
    household_ref: str
    provider: str | None
    names: tuple[str, ...]
    made_on: date
    counsellor: str
    contact_line: str  # phone, office hours, address
    goals: tuple[SheetGoal, ...]
    steps: tuple[SheetStep, ...]
    documents: tuple[str, ...]
    dates: tuple[SheetDate, ...]
    complaint_contact: str
    consent_recipient: str | None = None  # who may hear about the case, by the client's consent


@dataclass(frozen=True)
class Block:
    """One part of the sheet: a pictogram, a heading and its content."""

    icon: str  # goals, steps, bring, dates, contact, complaint, data
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    boxes: tuple[str, ...] = ()  # to tick off
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def title() -> str:
    return _("For you to keep")


def intro(sheet: ClientSheet) -> tuple[str, ...]:
    return (
        _("For: {names}").format(names=", ".join(sheet.names)),
        _("As of {day}").format(day=_day(sheet.made_on)),
        _("Your number with us: {ref}").format(ref=sheet.household_ref),
    )


def blocks(sheet: ClientSheet) -> tuple[Block, ...]:
    return (
        _goals(sheet),
        _steps(sheet),
        _bring(sheet),
        _dates(sheet),
        _contact(sheet),
        _complaint(sheet),
        _data(sheet),
    )


def _goals(sheet: ClientSheet) -> Block:
    several = len({goal.person for goal in sheet.goals}) > 1
    bullets = []
    for goal in sheet.goals:
        text = f"{goal.person}: {goal.printable}" if several else goal.printable
        if goal.due:
            text += " " + _("(by {day})").format(day=_day(goal.due))
        bullets.append(text)
    empty = () if bullets else (_("We will write down your goals together next time."),)
    return Block("goals", _("Your goals"), paragraphs=empty, bullets=tuple(bullets))


def _steps(sheet: ClientSheet) -> Block:
    rows = tuple((step.what, _day(step.due)) for step in sheet.steps)
    if not rows:
        return Block("steps", _("The next steps"), paragraphs=(_("No next steps agreed yet."),))
    return Block(
        "steps", _("The next steps"), columns=(_("Who does what"), _("By when")), rows=rows
    )


def _bring(sheet: ClientSheet) -> Block:
    return Block("bring", _("Please bring with you"), boxes=sheet.documents)


def _dates(sheet: ClientSheet) -> Block:
    rows = tuple((item.what, _day(item.due)) for item in sheet.dates)
    if not rows:
        return Block("dates", _("Important dates"), paragraphs=(_("No deadlines at the moment."),))
    return Block("dates", _("Important dates"), columns=(_("What"), _("Date")), rows=rows)


def _contact(sheet: ClientSheet) -> Block:
    contact = sheet.contact_line or _("Phone and office hours:") + " ____________________"
    lines = [
        _("Your counsellor: {name}").format(name=sheet.counsellor),
        sheet.provider or "",
        contact,
    ]
    return Block("contact", _("How to reach us"), paragraphs=tuple(line for line in lines if line))


def _complaint(sheet: ClientSheet) -> Block:
    return Block(
        "complaint",
        _("If you are not satisfied"),
        paragraphs=(
            _("Please tell us. You can also complain to: {contact}").format(
                contact=sheet.complaint_contact
            ),
            _("A complaint does not harm your counselling."),
        ),
    )


def _data(sheet: ClientSheet) -> Block:
    bullets = [
        _("We store your data only for your counselling."),
        _("You may ask what we store about you."),
        _("You may have wrong data corrected, and data we no longer need deleted."),
    ]
    if sheet.consent_recipient:
        bullets.append(
            _(
                "We pass information to {recipient} only with your signature. You may take "
                "back this consent at any time; your counselling goes on all the same."
            ).format(recipient=sheet.consent_recipient)
        )
    bullets.append(
        _("You may complain to the data protection authority of Saxony: {authority}.").format(
            authority=DATA_AUTHORITY
        )
    )
    return Block("data", _("Your data – your rights"), bullets=tuple(bullets))


def keep_note() -> str:
    return _("Please keep this sheet and bring it to your next appointment.")


def text(sheet: ClientSheet) -> str:
    """Every word the PDF prints, in reading order (without the page frame)."""
    lines = [title(), *intro(sheet)]
    for block in blocks(sheet):
        lines += ["", block.heading, *block.paragraphs]
        lines += [f"• {bullet}" for bullet in block.bullets]
        lines += [f"[ ] {box}" for box in block.boxes]
        if block.columns:
            lines += [" | ".join(row) for row in (block.columns, *block.rows)]
    return "\n".join([*lines, "", keep_note()]) + "\n"


# --- the PDF ------------------------------------------------------------------------------------

_ICON = 30.0  # points
_INDENT = 40.0
_BLUE = "#2B5C8A"
_LIGHT = "#DCE8F3"


def pdf(sheet: ClientSheet) -> bytes:
    """The sheet as an A4 PDF with the shared page frame; further pages if needed."""
    frame = FormDocument(
        title=title(),
        subtitle=None,
        sections=(),
        provider=sheet.provider,
        household_ref=sheet.household_ref,
    )
    return render_flowables(frame, lambda width: _story(sheet, width))


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts()
    body = ParagraphStyle("sheet_body", fontName=regular, fontSize=13, leading=17.5)
    return {
        "title": ParagraphStyle("sheet_title", parent=body, fontName=bold, fontSize=24, leading=30),
        "intro": ParagraphStyle("sheet_intro", parent=body, fontSize=12, leading=16),
        "heading": ParagraphStyle(
            "sheet_heading", parent=body, fontName=bold, fontSize=16, leading=20
        ),
        "body": ParagraphStyle(
            "sheet_text", parent=body, leftIndent=_INDENT, spaceAfter=3, keepWithNext=0
        ),
        "bullet": ParagraphStyle(
            "sheet_bullet",
            parent=body,
            leftIndent=_INDENT + 14,
            bulletIndent=_INDENT + 2,
            bulletFontName=regular,
        ),
        "cell": ParagraphStyle("sheet_cell", parent=body, fontSize=12, leading=15.5),
        "cell_bold": ParagraphStyle(
            "sheet_cell_bold", parent=body, fontName=bold, fontSize=12, leading=15.5
        ),
        "small": ParagraphStyle("sheet_small", parent=body, fontSize=11, leading=14),
    }


def _story(sheet: ClientSheet, width: float) -> list[Flowable]:
    from reportlab.platypus import Paragraph, Spacer

    style = _styles()
    story: list[Flowable] = [Paragraph(markup(title()), style["title"]), Spacer(1, 4)]
    story += [Paragraph(markup(line), style["intro"]) for line in intro(sheet)]
    for block in blocks(sheet):
        story += _block(block, style, width)
    story += [Spacer(1, 12), Paragraph(markup(keep_note()), style["small"])]
    return story


def _block(block: Block, style: dict[str, Any], width: float) -> list[Flowable]:
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer
    from reportlab.platypus import Table as PdfTable

    head = PdfTable(
        [[pictogram(block.icon), Paragraph(markup(block.heading), style["heading"])]],
        colWidths=[_INDENT, width - _INDENT],
    )
    head.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    parts: list[Flowable] = [head]
    parts += [Paragraph(markup(line), style["body"]) for line in block.paragraphs]
    parts += [Paragraph(markup(line), style["bullet"], bulletText="•") for line in block.bullets]
    box = "☐" if fonts()[0] != "Helvetica" else "[ ]"
    parts += [Paragraph(markup(line), style["bullet"], bulletText=box) for line in block.boxes]
    if block.columns:
        parts.append(_table(block, style, width - _INDENT))
    # A short part moves whole to the next page; a long one still splits.
    return [CondPageBreak(90), Spacer(1, 10), KeepTogether(parts)]


def _table(block: Block, style: dict[str, Any], width: float) -> Flowable:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as PdfTable

    shares = (0.72, 0.28)
    data = [[Paragraph(markup(c), style["cell_bold"]) for c in block.columns]]
    data += [[Paragraph(markup(cell or " "), style["cell"]) for cell in row] for row in block.rows]
    table = PdfTable(data, colWidths=[width * share for share in shares], repeatRows=1)
    table.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), HexColor(_LIGHT)),
            ("GRID", (0, 0), (-1, -1), 0.6, HexColor("#8A949C")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    table.hAlign = "RIGHT"
    return table


# --- pictograms ---------------------------------------------------------------------------------


def pictogram(kind: str, size: float = _ICON) -> Flowable:
    """A simple drawing for one part of the sheet; an unknown kind draws an empty circle."""
    from reportlab.graphics.shapes import Drawing, Group

    drawing = Drawing(size, size)
    group = Group(*_SHAPES.get(kind, _empty)())
    group.scale(size / 30, size / 30)  # the shapes are drawn on a 30 × 30 grid
    drawing.add(group)
    return drawing


def _colours() -> tuple[Any, Any, Any]:
    from reportlab.lib.colors import HexColor, white

    return HexColor(_BLUE), HexColor(_LIGHT), white


def _empty() -> list[Any]:
    from reportlab.graphics.shapes import Circle

    blue, light, _white = _colours()
    return [Circle(15, 15, 13, fillColor=light, strokeColor=blue, strokeWidth=1.5)]


def _target() -> list[Any]:
    from reportlab.graphics.shapes import Circle

    blue, _light, white = _colours()
    return [
        Circle(15, 15, 13.5, fillColor=blue, strokeColor=None),
        Circle(15, 15, 9.5, fillColor=white, strokeColor=None),
        Circle(15, 15, 6, fillColor=blue, strokeColor=None),
        Circle(15, 15, 2.5, fillColor=white, strokeColor=None),
    ]


def _arrow() -> list[Any]:
    from reportlab.graphics.shapes import Circle, Polygon

    blue, light, _white = _colours()
    return [
        Circle(15, 15, 13.5, fillColor=light, strokeColor=blue, strokeWidth=1.5),
        Polygon(
            [7, 12, 15, 12, 15, 7, 24, 15, 15, 23, 15, 18, 7, 18], fillColor=blue, strokeColor=None
        ),
    ]


def _document() -> list[Any]:
    from reportlab.graphics.shapes import Line, Polygon

    blue, light, _white = _colours()
    shapes: list[Any] = [
        Polygon(
            [6, 2, 24, 2, 24, 21, 18, 28, 6, 28], fillColor=light, strokeColor=blue, strokeWidth=1.5
        ),
        Polygon([18, 28, 18, 21, 24, 21], fillColor=blue, strokeColor=blue, strokeWidth=1),
    ]
    shapes += [Line(10, y, 20, y, strokeColor=blue, strokeWidth=1.5) for y in (8, 12, 16)]
    return shapes


def _calendar() -> list[Any]:
    from reportlab.graphics.shapes import Line, Rect

    blue, light, white = _colours()
    shapes: list[Any] = [
        Rect(3, 2, 24, 23, fillColor=light, strokeColor=blue, strokeWidth=1.5),
        Rect(3, 19, 24, 6, fillColor=blue, strokeColor=blue, strokeWidth=1.5),
        Line(9, 22, 9, 28, strokeColor=blue, strokeWidth=2.5),
        Line(21, 22, 21, 28, strokeColor=blue, strokeWidth=2.5),
    ]
    for row, y in enumerate((13, 7)):
        for column, x in enumerate((7, 13, 19)):
            filled = (row, column) == (0, 2)  # the day that matters
            shapes.append(
                Rect(
                    x,
                    y,
                    4,
                    4,
                    fillColor=blue if filled else white,
                    strokeColor=blue,
                    strokeWidth=0.8,
                )
            )
    return shapes


def _clock() -> list[Any]:
    from reportlab.graphics.shapes import Circle, Line

    blue, light, _white = _colours()
    return [
        Circle(15, 15, 13.5, fillColor=light, strokeColor=blue, strokeWidth=1.5),
        Line(15, 15, 15, 24, strokeColor=blue, strokeWidth=2),
        Line(15, 15, 21, 12, strokeColor=blue, strokeWidth=2),
        Circle(15, 15, 1.6, fillColor=blue, strokeColor=None),
    ]


def _bubble() -> list[Any]:
    from reportlab.graphics.shapes import Line, Polygon, Rect

    blue, light, _white = _colours()
    return [
        Rect(2, 9, 26, 18, rx=4, ry=4, fillColor=light, strokeColor=blue, strokeWidth=1.5),
        Polygon([8, 10, 7, 2, 14, 10], fillColor=light, strokeColor=blue, strokeWidth=1.5),
        Line(9, 10, 13, 10, strokeColor=light, strokeWidth=2),  # opens the bubble to its tail
        Line(15, 15.5, 15, 23, strokeColor=blue, strokeWidth=2.5),
        Line(15, 12, 15, 13.4, strokeColor=blue, strokeWidth=2.5),
    ]


def _lock() -> list[Any]:
    from reportlab.graphics.shapes import Circle, Rect

    blue, _light, white = _colours()
    return [
        Circle(15, 17, 7.5, fillColor=None, strokeColor=blue, strokeWidth=2.5),
        Rect(5, 2, 20, 16, rx=2, ry=2, fillColor=blue, strokeColor=blue, strokeWidth=1),
        Circle(15, 11, 2.5, fillColor=white, strokeColor=None),
        Rect(14, 5, 2, 5, fillColor=white, strokeColor=None),
    ]


_SHAPES = {
    "goals": _target,
    "steps": _arrow,
    "bring": _document,
    "dates": _calendar,
    "contact": _clock,
    "complaint": _bubble,
    "data": _lock,
}
