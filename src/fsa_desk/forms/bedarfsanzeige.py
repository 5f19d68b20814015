"""The Bedarfsanzeige as the Sozialamt reads it: plain data in, a ``FormDocument`` out.

The same document gives the PDF and the client preview "Was geht ans Amt", so the client sees
exactly the words the clerk will read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fsa_desk.domain.budget import COMPLEXITY_THRESHOLD_HOURS, hours_text
from fsa_desk.forms.layout import (
    FormDocument,
    Note,
    Section,
    Signatures,
    Table,
    Text,
    day_text,
    persons_section,
    render_pdf,
    render_text,
)
from fsa_desk.i18n import _


@dataclass(frozen=True)
class PersonLine:
    name: str
    born: str  # a partial date as text, "" if unknown
    sozialamt_ref: str | None


@dataclass(frozen=True)
class ApprovalLine:
    aktenzeichen: str
    period_from: date
    period_to: date
    approved: Decimal
    used: Decimal


@dataclass(frozen=True)
class ConsentLine:
    recipient: str
    given_on: date
    valid_until: date | None


@dataclass(frozen=True)
class BedarfsanzeigeForm:
    """Everything printed, already in words (labels in the form's language)."""

    provider: str | None
    household_ref: str
    counsellor: str
    kind: str  # label
    version: int
    replaces_version: int | None
    persons: tuple[PersonLine, ...]
    period_from: date | None
    period_to: date | None
    catalogue_version: str
    draft_mark: str | None  # while the draft Kriterienkatalog is active
    criteria: tuple[tuple[str, str, str], ...]  # life area, criterion, justification
    services: tuple[tuple[str, str | None], ...]  # service, detail
    other_services_reason: str | None
    hours: tuple[tuple[str, Decimal], ...]  # life area, projected hours
    months: tuple[tuple[str, Decimal], ...]  # MM/YYYY, documented hours
    approvals: tuple[ApprovalLine, ...]
    situation_professional: str | None
    situation_client: str | None
    client_view_missing_reason: str | None
    goals: str | None
    who_does_what: str | None
    sprachmittlung: str | None
    consent: ConsentLine | None
    signed_client_on: date | None
    signed_counsellor_on: date | None

    @property
    def total(self) -> Decimal:
        return sum((hours for _area, hours in self.hours), Decimal(0))


def document(form: BedarfsanzeigeForm) -> FormDocument:
    subtitle = _("{kind} · version {version}").format(kind=form.kind, version=form.version)
    if form.replaces_version:
        subtitle += " " + _("(replaces version {version})").format(version=form.replaces_version)
    return FormDocument(
        title=_("Bedarfsanzeige Fachleistung – Migrationssozialarbeit Dresden"),
        subtitle=subtitle,
        sections=(
            _case(form),
            _criteria(form),
            _services(form),
            _hours(form),
            _plausibility(form),
            _situation(form),
            _goals(form),
            _consent(form),
        ),
        provider=form.provider,
        household_ref=form.household_ref,
        draft_mark=form.draft_mark,
        facts=(
            (_("Provider"), form.provider or _("not stated")),
            (_("Counsellor"), form.counsellor),
            (_("Household"), form.household_ref),
            (_("Requested period"), _period(form.period_from, form.period_to)),
        ),
    )


def pdf(form: BedarfsanzeigeForm) -> bytes:
    return render_pdf(document(form))


def text(form: BedarfsanzeigeForm) -> str:
    """The client preview "Was geht ans Amt": every word the PDF prints."""
    return render_text(document(form))


def _period(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return _("not yet stated")
    return f"{day_text(first)} – {day_text(last)}"


def _case(form: BedarfsanzeigeForm) -> Section:
    return persons_section(form.persons, _("no person named yet"))


def _criteria(form: BedarfsanzeigeForm) -> Section:
    items: list[Text | Note] = [
        Note(_("Kriterienkatalog version {version}").format(version=form.catalogue_version))
    ]
    items += [
        Text(f"{area}: {criterion}", justification, empty=_("no justification given"))
        for area, criterion, justification in form.criteria
    ]
    if not form.criteria:
        items.append(Note(_("No criterion named yet.")))
    return Section(_("2. Need according to the Kriterienkatalog, with justification"), tuple(items))


def _services(form: BedarfsanzeigeForm) -> Section:
    rows = tuple((service, detail or "—") for service, detail in form.services)
    return Section(
        _("3. Other services involved"),
        (
            Table((_("Service"), _("Involved how")), rows, widths=(0.45, 0.55), empty=_("none")),
            Text(_("Why the Fachleistung is needed nonetheless"), form.other_services_reason),
        ),
    )


def _hours(form: BedarfsanzeigeForm) -> Section:
    rows = tuple((area, hours_text(hours)) for area, hours in form.hours)
    return Section(
        _("4. Projected hours for the next 12 months"),
        (
            Table(
                (_("Life area"), _("Hours")),
                rows,
                total=(_("Total"), hours_text(form.total)),
                widths=(0.75, 0.25),
            ),
            Note(
                _("Complexity threshold of the Dresden model: {hours} hours in 12 months.").format(
                    hours=hours_text(COMPLEXITY_THRESHOLD_HOURS)
                )
            ),
        ),
    )


def _plausibility(form: BedarfsanzeigeForm) -> Section:
    labels = tuple(label for label, _hours in form.months)
    values = tuple(hours_text(hours) for _label, hours in form.months)
    share = 0.72 / max(len(labels), 1)
    months = Table(
        (_("Month"), *labels),
        ((_("Documented hours"), *values),),
        widths=(0.28, *[share] * len(labels)),
    )
    approvals = tuple(
        (
            a.aktenzeichen,
            _period(a.period_from, a.period_to),
            hours_text(a.approved),
            hours_text(a.used),
        )
        for a in form.approvals
    )
    return Section(
        _("5. For plausibility: documented hours and earlier approvals"),
        (
            months,
            Table(
                (_("Aktenzeichen"), _("Period"), _("Approved"), _("Used")),
                approvals,
                widths=(0.3, 0.36, 0.17, 0.17),
                empty=_("no earlier approval"),
            ),
        ),
    )


def _situation(form: BedarfsanzeigeForm) -> Section:
    client = form.situation_client
    missing = form.client_view_missing_reason
    return Section(
        _("6. Situation"),
        (
            Text(_("In professional terms"), form.situation_professional),
            Text(
                _("In the client's own words"),
                client,
                empty=_("not recorded, because: {reason}").format(reason=missing)
                if missing
                else "—",
            ),
        ),
    )


def _goals(form: BedarfsanzeigeForm) -> Section:
    return Section(
        _("7. Goals and who does what"),
        (
            Text(_("Goals"), form.goals),
            Text(_("Who does what"), form.who_does_what),
            Text(_("Interpreting"), form.sprachmittlung, empty=_("none needed")),
        ),
    )


def _consent(form: BedarfsanzeigeForm) -> Section:
    consent = form.consent
    if consent is None:
        statement = _("Not yet given.")
    elif consent.valid_until is None:
        statement = _("Given on {given} towards {recipient}, valid until revoked.").format(
            given=day_text(consent.given_on), recipient=consent.recipient
        )
    else:
        statement = _("Given on {given} towards {recipient}, valid until {until}.").format(
            given=day_text(consent.given_on),
            recipient=consent.recipient,
            until=day_text(consent.valid_until),
        )
    return Section(
        _("8. Consent and signatures"),
        (
            Text(_("Schweigepflichtentbindung"), statement),
            Note(
                _(
                    "I have read this Bedarfsanzeige, or it was translated for me. Refusing "
                    "the consent does not end the counselling."
                )
            ),
            Signatures(
                (
                    (
                        _("Signature of the client"),
                        day_text(form.signed_client_on) if form.signed_client_on else None,
                    ),
                    (
                        _("Signature of the counsellor"),
                        day_text(form.signed_counsellor_on) if form.signed_counsellor_on else None,
                    ),
                )
            ),
        ),
    )
