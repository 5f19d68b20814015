"""The Fallbericht as the Sozialamt reads it: plain data in, a ``FormDocument`` out.

Kind ``verlaengerung`` (with the new Bedarfsanzeige) or ``abschluss``. Figures first — hours
delivered against hours approved per life area, contacts — then the course of the help, the
goals as reviewed with the client, the client's own assessment verbatim, obstacles and the
further need. Long texts flow onto further pages; nothing is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fsa_desk.domain.budget import hours_text
from fsa_desk.forms.bedarfsanzeige import PersonLine
from fsa_desk.forms.layout import (
    FormDocument,
    Item,
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
class HoursLine:
    life_area: str  # label
    approved: Decimal | None  # None: the Bewilligung names no hours for this area
    delivered: Decimal


@dataclass(frozen=True)
class GoalLine:
    """A goal of an Integrationsplan with its latest review in the period."""

    person: str
    text_client: str | None
    text_professional: str | None
    client_rating: str  # in words, "—" if not rated
    counsellor_rating: str
    status: str  # label


@dataclass(frozen=True)
class ReviewLine:
    """An Auswertungsgespräch held in the period."""

    person: str
    held_on: date
    what_helped: str | None
    differing_view: str | None  # the client's words


@dataclass(frozen=True)
class FallberichtForm:
    """Everything printed, already in words (labels in the form's language)."""

    provider: str | None
    household_ref: str
    counsellor: str
    kind: str  # "verlaengerung" or "abschluss"
    kind_label: str
    status_mark: str | None  # "Entwurf" until the report is finished
    draft_mark: str | None  # while the draft Kriterienkatalog is active
    persons: tuple[PersonLine, ...]
    aktenzeichen: str
    approved_from: date
    approved_to: date
    period_from: date
    period_to: date
    approved_total: Decimal
    used: Decimal  # billable Fachleistungsstunden after the Takt
    hours: tuple[HoursLine, ...]
    contacts: int
    direct_contacts: int
    no_shows: int
    course: str | None
    goals: tuple[GoalLine, ...]
    reviews: tuple[ReviewLine, ...]
    client_assessment: str | None
    client_assessment_on: date | None
    obstacles_structural: str | None
    obstacles_official: str | None
    obstacles_personal: str | None
    further_need: str | None

    @property
    def delivered_total(self) -> Decimal:
        return sum((line.delivered for line in self.hours), Decimal(0))


def document(form: FallberichtForm) -> FormDocument:
    return FormDocument(
        # Short: the page header also carries the draft marks.
        title=_("Fallbericht Fachleistung"),
        subtitle=_("{kind} · Migrationssozialarbeit Dresden").format(kind=form.kind_label),
        sections=(
            _case(form),
            _hours(form),
            Section(_("3. Course of the help"), (Text(_("Course"), form.course),)),
            _goals(form),
            _client(form),
            _obstacles(form),
            _further(form),
            _signatures(),
        ),
        provider=form.provider,
        household_ref=form.household_ref,
        draft_mark=form.draft_mark,
        status_mark=form.status_mark,
        facts=(
            (_("Provider"), form.provider or _("not stated")),
            (_("Counsellor"), form.counsellor),
            (_("Household"), form.household_ref),
            (_("Aktenzeichen"), form.aktenzeichen),
            (_("Approved period"), _period(form.approved_from, form.approved_to)),
            (_("Reporting period"), _period(form.period_from, form.period_to)),
        ),
    )


def pdf(form: FallberichtForm) -> bytes:
    return render_pdf(document(form))


def text(form: FallberichtForm) -> str:
    """Every word the PDF prints, for the editor's preview."""
    return render_text(document(form))


def _period(first: date, last: date) -> str:
    return f"{day_text(first)} – {day_text(last)}"


def _case(form: FallberichtForm) -> Section:
    return persons_section(form.persons, _("no person named"))


def _hours(form: FallberichtForm) -> Section:
    rows = tuple(
        (
            line.life_area,
            hours_text(line.approved) if line.approved is not None else "—",
            hours_text(line.delivered),
        )
        for line in form.hours
    )
    contacts = _(
        "Contacts documented: {contacts}, of them direct contacts with the client: {direct}; "
        "missed appointments: {no_shows}."
    ).format(contacts=form.contacts, direct=form.direct_contacts, no_shows=form.no_shows)
    used = _(
        "Billable Fachleistungsstunden (rounded as the billing rules say): {used} of "
        "{approved} approved hours."
    ).format(used=hours_text(form.used), approved=hours_text(form.approved_total))
    return Section(
        _("2. Hours delivered and contacts in the reporting period"),
        (
            Table(
                (_("Life area"), _("Approved"), _("Delivered")),
                rows,
                total=(
                    _("Total"),
                    hours_text(form.approved_total),
                    hours_text(form.delivered_total),
                ),
                widths=(0.6, 0.2, 0.2),
                empty=_("no hours documented"),
            ),
            Note(used),
            Note(contacts),
        ),
    )


def _goals(form: FallberichtForm) -> Section:
    several = len({goal.person for goal in form.goals}) > 1
    rows = tuple(
        (
            _goal_text(goal, several),
            goal.client_rating,
            goal.counsellor_rating,
            goal.status,
        )
        for goal in form.goals
    )
    items: list[Item] = [
        Table(
            (_("Goal"), _("Client's view"), _("Counsellor's view"), _("Status")),
            rows,
            widths=(0.49, 0.17, 0.17, 0.17),
            empty=_("no goals agreed in an Integrationsplan"),
        ),
        Note(_("Ratings: not reached – slightly reached – largely reached – reached.")),
    ]
    for review in form.reviews:
        heading = _("Auswertungsgespräch with {person} on {day}").format(
            person=review.person, day=day_text(review.held_on)
        )
        items.append(Text(heading + " – " + _("what helped"), review.what_helped))
        if review.differing_view:
            items.append(
                Text(heading + " – " + _("the client's differing view"), review.differing_view)
            )
    return Section(_("4. Goals and how far they were reached"), tuple(items))


def _goal_text(goal: GoalLine, with_person: bool) -> str:
    parts = []
    if goal.text_client:
        parts.append(_("In the client's words: {text}").format(text=goal.text_client))
    if goal.text_professional:
        parts.append(_("Professionally: {text}").format(text=goal.text_professional))
    text = "\n".join(parts) or "—"
    return f"{goal.person}:\n{text}" if with_person else text


def _client(form: FallberichtForm) -> Section:
    label = _("In the client's own words")
    if form.client_assessment_on:
        label += " " + _("(on {day})").format(day=day_text(form.client_assessment_on))
    return Section(
        _("5. The client's own assessment"),
        (Text(label, form.client_assessment, empty=_("not recorded")),),
    )


def _obstacles(form: FallberichtForm) -> Section:
    return Section(
        _("6. Obstacles"),
        (
            Text(_("Structural"), form.obstacles_structural, empty=_("none named")),
            Text(_("Official (authorities)"), form.obstacles_official, empty=_("none named")),
            Text(_("Personal"), form.obstacles_personal, empty=_("none named")),
        ),
    )


def _further(form: FallberichtForm) -> Section:
    if form.kind == "abschluss":
        label = _("After the end of the Fachleistung (further help, transition)")
    else:
        label = _("Further need and why the Fachleistung should continue")
    return Section(_("7. Further need"), (Text(label, form.further_need),))


def _signatures() -> Section:
    return Section(
        _("8. Signatures"),
        (
            Note(
                _(
                    "The client has read this report, or it was translated for them; their "
                    "own assessment is quoted in their words."
                )
            ),
            Signatures(
                (
                    (_("Signature of the counsellor"), None),
                    (_("Signature of the client (noted)"), None),
                )
            ),
        ),
    )
