"""The Art. 15 DSGVO access report: its content as plain data, and its PDF.

The service (``services.subject_access``) decides what belongs in the report; this module only
lays it out with the shared A4 form frame, one section per data category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fsa_desk.forms.layout import FormDocument, Note, Section, Table, render_pdf
from fsa_desk.i18n import _

Value = str | int | bool | None
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class AccessSection:
    key: str  # stable JSON key, e.g. "consents"
    heading: str
    rows: tuple[tuple[tuple[str, Value], ...], ...]  # per row: (field label, value) pairs


@dataclass(frozen=True)
class AccessReport:
    person_id: str
    person_name: str
    generated_on: date
    provider: str | None
    sections: tuple[AccessSection, ...]
    statements: tuple[str, ...]  # what is withheld and why (Art. 15 (4) DSGVO)


def subject_access_document(report: AccessReport) -> FormDocument:
    sections = [_section(section) for section in report.sections]
    sections.append(
        Section(_("Notes on this information"), tuple(Note(s) for s in report.statements))
    )
    return FormDocument(
        title=_("Information on stored data (Art. 15 GDPR)"),
        subtitle=report.person_name,
        sections=tuple(sections),
        provider=report.provider,
        facts=(
            (_("Person ID"), report.person_id),
            (_("As of"), report.generated_on.strftime("%d.%m.%Y")),
        ),
    )


def subject_access_pdf(report: AccessReport) -> bytes:
    return render_pdf(subject_access_document(report))


def _section(section: AccessSection) -> Section:
    if not section.rows:
        return Section(section.heading, (Note(_("No data stored.")),))
    tables = tuple(
        Table((_("Field"), _("Value")), _labelled(row), widths=(0.35, 0.65)) for row in section.rows
    )
    return Section(section.heading, tables)


def field_label(name: str) -> str:
    """The printed label of a stored field (the JSON keeps the field name)."""
    labels = {
        "family_name": _("Family name"),
        "given_name": _("Given name"),
        "name_variants": _("Name variants"),
        "name_original": _("Name in own script"),
        "birth_year": _("Year of birth"),
        "birth_month": _("Month of birth"),
        "birth_day": _("Day of birth"),
        "sex": _("Sex"),
        "nationalities": _("Nationalities"),
        "languages": _("Languages"),
        "interpreter_needed": _("Interpreter needed"),
        "interpreter_language": _("Interpreter language"),
        "arrival_date": _("Arrival or allocation"),
        "phone": _("Phone"),
        "sozialamt_ref": _("Sozialamt file number"),
        "role": _("Role"),
        "valid_from": _("From"),
        "valid_to": _("To"),
        "reason_from": _("Reason for joining"),
        "reason_to": _("Reason for leaving"),
        "household_ref": _("Household number"),
        "provider": _("Provider"),
        "status": _("Status"),
        "status_since": _("Status since"),
        "closure_reason": _("Closure reason"),
        "closure_detail": _("Closure detail"),
        "allocation_date": _("Allocation date"),
        "first_contact_on": _("First contact"),
        "street": _("Street"),
        "postcode": _("Postcode"),
        "city": _("City"),
        "district": _("District"),
        "region": _("Region"),
        "housing_type": _("Housing"),
        "secret": _("Address secret"),
        "detail": _("Detail"),
        "expires_on": _("Valid until"),
        "wohnsitzauflage": _("Wohnsitzauflage (§ 12a AufenthG)"),
        "benefit_type": _("Benefit"),
        "given_on": _("Given on"),
        "language": _("Language"),
        "text_version": _("Text version"),
        "interpreter": _("Interpreter"),
        "kind": _("Kind"),
        "recipient": _("Recipient"),
        "purposes": _("Purposes"),
        "data_categories": _("Data categories"),
        "valid_until": _("Valid until"),
        "revoked_on": _("Revoked on"),
        "refusal_explained": _("Told that refusing does not end counselling"),
        "scope": _("Scope"),
        "recorded_on": _("Recorded on"),
        "schooling": _("Schooling"),
        "training": _("Training"),
        "work_experience": _("Work experience"),
        "german_level": _("German level"),
        "recognition": _("Recognition of qualifications"),
        "interests": _("Interests"),
        "authority": _("Authority"),
        "subject": _("Subject"),
        "letter_date": _("Date of the letter"),
        "delivery": _("Delivery"),
        "received_on": _("Received on"),
        "due_on": _("Due on"),
        "remind_from": _("Reminder from"),
        "rule": _("Rule"),
        "done_on": _("Done on"),
        "referred_on": _("Referred on"),
        "to_whom": _("To whom"),
        "result": _("Result"),
        "is_transition": _("Transition"),
        "item": _("Item"),
        "comment": _("Comment"),
        "opened_on": _("Opened on"),
        "closed_on": _("Closed on"),
        "decision_date": _("Decision date"),
        "aktenzeichen": _("Aktenzeichen"),
        "period_from": _("Period from"),
        "period_to": _("Period to"),
        "approved_hours": _("Approved hours"),
        "goals": _("Goals"),
        "conditions": _("Conditions"),
        "agreed_on": _("Agreed on"),
        "review_on": _("Review on"),
        "text_client": _("In your own words"),
        "text_professional": _("In the counsellor's words"),
        "priority": _("Priority"),
        "who_does_what": _("Who does what"),
        "restricted": _("Processing restricted"),
    }
    return labels.get(name, name)


def _labelled(row: tuple[tuple[str, Value], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((field_label(name), _shown(value)) for name, value in row)


def _shown(value: Value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date.fromisoformat(value).strftime("%d.%m.%Y")  # the JSON keeps ISO dates
    return str(value)
