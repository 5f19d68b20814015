"""The Vereinbarungsblatt: what was agreed in a consultation, on a sheet the client keeps.

Plain language in large type: what to do, who does it, by when, what to bring, the next
appointment, and whom to ask. It carries the household's file number and the names of the
people it is for, nothing else about them, and never a note.

``sheet_text`` holds the wording, so the dialog's preview and the PDF say the same;
``render_pdf`` lays it out with reportlab (imported only when a PDF is made).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any
from xml.sax.saxutils import escape

from fsa_desk.forms.layout import fonts
from fsa_desk.i18n import _


@dataclass(frozen=True)
class AgreementItem:
    """One agreed step, or (``bring``) a document to bring."""

    what: str
    who: str = ""
    due: date | None = None
    bring: bool = False


@dataclass(frozen=True)
class VereinbarungSheet:
    household_ref: str
    for_names: tuple[str, ...]  # "Rania Haddad"
    contact_date: date
    counsellor: str
    provider: str
    contact_line: str  # phone, office hours, address: what the counsellor wants to give
    items: tuple[AgreementItem, ...]
    next_appointment: date | None = None
    next_time: time | None = None


@dataclass(frozen=True)
class SheetText:
    """Every sentence of the sheet, in the current language."""

    title: str
    for_line: str
    date_line: str
    ref_line: str
    steps_heading: str
    step_columns: tuple[str, str, str]
    steps: tuple[tuple[str, str, str], ...]  # what, who, by when
    nothing_agreed: str
    bring_heading: str
    bring: tuple[str, ...]
    appointment_heading: str
    appointment: str
    keep_note: str
    contact_heading: str
    contact: tuple[str, ...]


def sheet_text(sheet: VereinbarungSheet) -> SheetText:
    steps = tuple(
        (item.what.strip(), item.who.strip(), german_day(item.due) if item.due else "")
        for item in sheet.items
        if item.what.strip() and not item.bring
    )
    bring = tuple(item.what.strip() for item in sheet.items if item.what.strip() and item.bring)
    return SheetText(
        title=_("Our agreement"),
        for_line=_("For: {names}").format(names=", ".join(sheet.for_names)),
        date_line=_("Talk on {day}").format(day=german_day(sheet.contact_date)),
        ref_line=_("Your number with us: {ref}").format(ref=sheet.household_ref),
        steps_heading=_("What is to be done?"),
        step_columns=(_("What"), _("Who"), _("By when")),
        steps=steps,
        nothing_agreed=_("No further steps were agreed today."),
        bring_heading=_("Please bring:"),
        bring=bring,
        appointment_heading=_("Next appointment"),
        appointment=_appointment(sheet),
        keep_note=_("Please keep this sheet. If you have questions, contact us."),
        contact_heading=_("Your contact person"),
        contact=tuple(
            line for line in (sheet.counsellor, sheet.provider, sheet.contact_line) if line
        ),
    )


def german_day(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def weekday_name(day: date) -> str:
    names = (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )
    return names[day.weekday()]


def _appointment(sheet: VereinbarungSheet) -> str:
    if sheet.next_appointment is None:
        return ""
    day = sheet.next_appointment
    text = f"{weekday_name(day)}, {german_day(day)}"
    if sheet.next_time is not None:
        text += ", " + _("{time} o'clock").format(time=sheet.next_time.strftime("%H:%M"))
    return text


# --- the PDF -------------------------------------------------------------------------------------

_BODY_SIZE = 14  # large type: many readers have German as a second language, some poor sight
_MARGIN_MM = 20


def render_pdf(sheet: VereinbarungSheet) -> bytes:
    """The sheet as an A4 PDF; several pages if the agreements need them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    text = sheet_text(sheet)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN_MM * mm,
        rightMargin=_MARGIN_MM * mm,
        topMargin=_MARGIN_MM * mm,
        bottomMargin=_MARGIN_MM * mm,
        title=text.title,  # no client name in the metadata
        author=sheet.provider,
        invariant=True,
    )
    styles = _styles()
    footer = _footer(sheet.household_ref)
    document.build(_story(text, styles, document.width), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=_BODY_SIZE, leading=_BODY_SIZE * 1.35)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=12, leading=16),
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=24, leading=30),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=bold,
            fontSize=16,
            leading=21,
            spaceBefore=14,
            spaceAfter=6,
        ),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=bold),
        "appointment": ParagraphStyle(
            "appointment",
            parent=body,
            fontName=bold,
            fontSize=16,
            leading=21,
        ),
        "grey": colors.HexColor("#E8ECEF"),
        "line": colors.HexColor("#8A949C"),
    }


def _story(text: SheetText, styles: dict[str, Any], width: float) -> list[object]:
    from reportlab.platypus import Paragraph, Spacer

    story: list[object] = [
        Paragraph(escape(text.title), styles["title"]),
        Spacer(1, 4),
        *(Paragraph(escape(line), styles["body"]) for line in (text.for_line, text.date_line)),
        Paragraph(escape(text.ref_line), styles["body"]),
        Paragraph(escape(text.steps_heading), styles["heading"]),
    ]
    if text.steps:
        story.append(_steps_table(text, styles, width))
    else:
        story.append(Paragraph(escape(text.nothing_agreed), styles["body"]))
    if text.bring:
        story.append(Paragraph(escape(text.bring_heading), styles["heading"]))
        story.extend(Paragraph("\u2610 " + escape(line), styles["body"]) for line in text.bring)
    if text.appointment:
        story.append(Paragraph(escape(text.appointment_heading), styles["heading"]))
        story.append(_boxed(Paragraph(escape(text.appointment), styles["appointment"]), styles))
    story.append(Paragraph(escape(text.contact_heading), styles["heading"]))
    story.extend(Paragraph(escape(line), styles["body"]) for line in text.contact)
    story.extend([Spacer(1, 14), Paragraph(escape(text.keep_note), styles["small"])])
    return story


def _steps_table(text: SheetText, styles: dict[str, Any], width: float) -> object:
    from reportlab.platypus import Paragraph, Table, TableStyle

    head = [Paragraph(escape(column), styles["cell_head"]) for column in text.step_columns]
    rows = [[Paragraph(escape(cell), styles["body"]) for cell in row] for row in text.steps]
    table = Table([head, *rows], colWidths=[width * 0.56, width * 0.22, width * 0.22], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), styles["grey"]),
                ("GRID", (0, 0), (-1, -1), 0.6, styles["line"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def _boxed(paragraph: object, styles: dict[str, Any]) -> object:
    from reportlab.platypus import Table, TableStyle

    box = Table([[paragraph]])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, styles["line"]),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    box.hAlign = "LEFT"
    return box


def _footer(household_ref: str) -> Callable[[Any, Any], None]:
    """File number and page on every page, so loose pages find their way back together."""
    from reportlab.lib.units import mm

    regular, _bold = fonts()

    def draw(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 10)
        line = _("{ref} · page {page}").format(ref=household_ref, page=document.page)
        canvas.drawRightString(document.pagesize[0] - _MARGIN_MM * mm, 10 * mm, line)
        canvas.restoreState()

    return draw
