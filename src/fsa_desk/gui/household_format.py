"""How the household view words its data: dates, hours, code labels, statuses and warnings.

Plain functions without widgets, so every page formats alike and tests can read the texts.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from fsa_desk.domain.budget import explain
from fsa_desk.domain.codes import UnknownCodeError, UnknownCodeListError, code_list
from fsa_desk.i18n import _, language, ngettext
from fsa_desk.services.household_budget import Budget
from fsa_desk.services.household_casework import (
    APPROVAL_END,
    FRIST,
    RESIDENCE_EXPIRY,
    WILLKOMMEN_END,
    DeadlineLine,
)
from fsa_desk.services.household_view import AddressLine, StatusState

_BRACKETED = re.compile(r"\s*\([^()]*\)")
DASH = "–"


def day(value: date | None) -> str:
    """German date notation in both languages: the users read Dresden's letters."""
    return value.strftime("%d.%m.%Y") if value is not None else ""


def period(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return ""
    if last is None:
        return _("since {day}").format(day=day(first))
    if first is None:
        return _("until {day}").format(day=day(last))
    return f"{day(first)} {DASH} {day(last)}"


def number(value: Decimal | float, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language() == "de" else text


def hours(value: Decimal | float) -> str:
    return _("{hours} h").format(hours=number(value))


def label(list_name: str, code: str | None) -> str:
    """The code's label in the current language; the code itself if the list does not know it
    (data from a newer code list version must still show)."""
    if not code:
        return ""
    try:
        return code_list(list_name).label(code, language())
    except (UnknownCodeError, UnknownCodeListError):
        return code


def short_label(list_name: str, code: str | None) -> str:
    """The label without its bracketed explanation, for table cells ("Büro", not
    "Büro (persönlich)")."""
    return _BRACKETED.sub("", label(list_name, code)) or label(list_name, code)


def status_label(status: str) -> str:
    labels = {"aktiv": _("Active"), "ruhend": _("Dormant"), "abgeschlossen": _("Closed")}
    return labels.get(status, status)


def status_text(state: StatusState) -> str:
    """ "Aktiv seit 01.03.2025", "Abgeschlossen am …: Übergang … (MBE)"."""
    if state.status == "abgeschlossen":
        text = _("Closed on {day}").format(day=day(state.since)) if state.since else _("Closed")
        reason = short_label("closure_reasons", state.closure_reason)
        if reason:
            text += f": {reason}"
        if state.closure_detail:
            text += f" ({state.closure_detail})"
        return text
    if state.since is None:
        return status_label(state.status)
    return _("{status} since {day}").format(status=status_label(state.status), day=day(state.since))


def case_status_label(status: str | None) -> str:
    labels = {
        "vorbereitung": _("in preparation"),
        "angezeigt": _("Bedarfsanzeige submitted"),
        "laufend": _("running"),
        "abgelehnt": _("rejected"),
        "abgeschlossen": _("closed"),
    }
    return labels.get(status or "", status or "")


def approval_status_label(status: str) -> str:
    labels = {
        "laufend": _("running"),
        "ausgelaufen": _("expired"),
        "vorzeitig_beendet": _("ended early"),
    }
    return labels.get(status, status)


def validity_label(state: str) -> str:
    labels = {"gueltig": _("valid"), "abgelaufen": _("expired"), "widerrufen": _("revoked")}
    return labels.get(state, state)


def consent_kind_label(kind: str) -> str:
    labels = {
        "einwilligung": _("Consent"),
        "schweigepflichtentbindung": _("Release from confidentiality"),
    }
    return labels.get(kind, kind)


def checklist_status_label(status: str) -> str:
    labels = {"offen": _("open"), "erledigt": _("done"), "entfaellt": _("not needed")}
    return labels.get(status, status)


def address_text(address: AddressLine) -> str:
    """One line per address; a secret one only ever reads "Adresse geheim"."""
    if address.secret:
        return _("Address secret")
    place = " ".join(part for part in (address.postcode, address.city) if part)
    parts = [part for part in (address.street, place) if part]
    if address.district:
        region = short_label("regions", address.region)
        parts.append(f"{address.district} ({region})" if region else address.district)
    return ", ".join(parts) or _("no address recorded")


def deadline_kind_label(line: DeadlineLine) -> str:
    labels = {
        FRIST: _("Deadline (Bescheid)"),
        RESIDENCE_EXPIRY: _("Residence papers expire"),
        WILLKOMMEN_END: _("Willkommensjahr ends"),
        APPROVAL_END: _("Bewilligung ends"),
    }
    return labels.get(line.kind, line.kind)


def deadline_subject(line: DeadlineLine) -> str:
    if line.kind == RESIDENCE_EXPIRY:
        return f"{line.subject}: {short_label('residence_statuses', line.detail)}"
    if line.kind == APPROVAL_END:
        return _("Aktenzeichen {number}").format(number=line.subject)
    if line.kind == WILLKOMMEN_END:
        return _("Plan the transition conversation (months 10–12).")
    return line.subject


def days_from_today(target: date, today: date) -> str:
    """ "heute", "in 3 Tagen", "seit 2 Tagen überfällig"."""
    delta = (target - today).days
    if delta == 0:
        return _("today")
    if delta > 0:
        return ngettext("in {n} day", "in {n} days", delta).format(n=delta)
    return ngettext("{n} day overdue", "{n} days overdue", -delta).format(n=-delta)


def budget_summary(budget: Budget) -> str:
    """ "12,0 von 40,0 Std. genutzt (30 %), noch 28,0 Std., bis 31.12.2026"."""
    approval = budget.approval
    return _("{used} of {approved} used ({percent} %), {remaining} left, until {end}").format(
        used=hours(approval.used_hours),
        approved=hours(approval.approved_hours),
        percent=number(budget.used_percent, 0),
        remaining=hours(budget.remaining_hours),
        end=day(approval.period_to),
    )


def budget_warning_texts(budget: Budget) -> list[str]:
    return [explain(code) for code in budget.warnings]


def minutes_text(minutes: int) -> str:
    return _("{minutes} min").format(minutes=minutes)
