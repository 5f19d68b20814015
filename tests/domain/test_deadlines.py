from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain.deadlines import (
    BescheidKind,
    Deadline,
    Delivery,
    bekanntgabe,
    compute_deadline,
    holiday_name,
    is_working_day,
    month_later,
    next_working_day,
)

K = BescheidKind


# --- Bekanntgabe ---------------------------------------------------------------------------


def test_posted_letter_counts_as_received_on_the_fourth_day() -> None:
    assert bekanntgabe(date(2026, 3, 1), Delivery.POST) == date(2026, 3, 5)


def test_postal_fiction_is_not_moved_off_a_weekend() -> None:
    # Posted Tuesday 03.03.2026: the fourth day is Saturday 07.03.2026 and stays so (BSG).
    assert bekanntgabe(date(2026, 3, 3), Delivery.POST) == date(2026, 3, 7)


def test_posted_letter_arriving_early_still_counts_from_the_fourth_day() -> None:
    assert bekanntgabe(date(2026, 3, 1), Delivery.POST, date(2026, 3, 2)) == date(2026, 3, 5)


def test_posted_letter_arriving_later_counts_from_its_arrival() -> None:
    assert bekanntgabe(date(2026, 3, 1), Delivery.POST, date(2026, 3, 9)) == date(2026, 3, 9)


@pytest.mark.parametrize("delivery", [Delivery.UEBERGABE, Delivery.ZUSTELLUNG])
def test_handed_over_or_delivered_counts_from_that_day(delivery: Delivery) -> None:
    assert bekanntgabe(date(2026, 3, 10), delivery) == date(2026, 3, 10)
    assert bekanntgabe(date(2026, 3, 10), delivery, date(2026, 3, 12)) == date(2026, 3, 12)


def test_received_before_the_letter_date_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"Eingangsdatum 28\.02\.2026 liegt vor"):
        bekanntgabe(date(2026, 3, 1), Delivery.POST, date(2026, 2, 28))


# --- Months and working days -----------------------------------------------------------------


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 12, 17), 1, date(2027, 1, 17)),
        (date(2026, 5, 17), 0, date(2026, 5, 17)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_month_later_keeps_the_day_or_takes_the_last_day(
    start: date, months: int, expected: date
) -> None:
    assert month_later(start, months) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 1, 1)), st.integers(0, 240))
def test_month_later_lands_in_the_right_month_on_the_closest_day(start: date, months: int) -> None:
    result = month_later(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last)


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 3, 9), date(2026, 3, 9)),  # Monday
        (date(2026, 3, 7), date(2026, 3, 9)),  # Saturday
        (date(2026, 3, 8), date(2026, 3, 9)),  # Sunday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday, weekend, Easter Monday
        (date(2026, 4, 6), date(2026, 4, 7)),  # Easter Monday
        (date(2026, 11, 18), date(2026, 11, 19)),  # Buß- und Bettag (Saxony only)
        (date(2025, 10, 31), date(2025, 11, 3)),  # Reformationstag on a Friday
        (date(2028, 10, 31), date(2028, 11, 1)),  # Allerheiligen is no holiday in Saxony
        (date(2026, 6, 4), date(2026, 6, 4)),  # Fronleichnam: not in Dresden
        (date(2026, 12, 24), date(2026, 12, 24)),  # Heiligabend is a working day
        (date(2026, 12, 25), date(2026, 12, 28)),
        (date(2026, 10, 3), date(2026, 10, 5)),  # Tag der Deutschen Einheit on a Saturday
    ],
)
def test_next_working_day_skips_weekends_and_saxon_holidays(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


def test_holidays_carry_their_german_names() -> None:
    assert holiday_name(date(2026, 11, 18)) == "Buß- und Bettag"
    assert holiday_name(date(2025, 10, 31)) == "Reformationstag"
    assert holiday_name(date(2026, 4, 6)) == "Ostermontag"
    assert holiday_name(date(2026, 11, 17)) is None
    assert not is_working_day(date(2026, 11, 18))
    assert is_working_day(date(2026, 11, 17))


@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2100, 12, 31)))
def test_next_working_day_is_idempotent_and_never_earlier(day: date) -> None:
    result = next_working_day(day)
    assert day <= result <= day + timedelta(days=4)  # Easter: Friday to Tuesday at most
    assert next_working_day(result) == result
    assert is_working_day(result)
    assert all(not is_working_day(day + timedelta(days=n)) for n in range((result - day).days))


# --- Widerspruch -------------------------------------------------------------------------------


def test_widerspruch_over_easter_explains_fiction_and_shift() -> None:
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 3, 1), Delivery.POST)
    # 01.03. + 4 days = 05.03.; + 1 month = Sunday 05.04. (Easter), Monday 06.04. is Ostermontag.
    assert deadline == Deadline(
        due=date(2026, 4, 7),
        remind_from=date(2026, 3, 29),
        rule=(
            "Widerspruch: 1 Monat nach Bekanntgabe am 05.03.2026 (Aufgabe zur Post 01.03.2026 "
            "+ 4 Tage), verschoben auf den nächsten Werktag (05.04.2026 Sonntag, "
            "06.04.2026 Ostermontag)"
        ),
    )


def test_widerspruch_ending_on_easter_monday() -> None:
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 3, 6), Delivery.UEBERGABE)
    assert deadline.due == date(2026, 4, 7)
    assert deadline.rule.endswith("(06.04.2026 Ostermontag)")


def test_widerspruch_ending_on_a_saturday_moves_to_monday() -> None:
    # Posted Tue 03.02.2026 → Bekanntgabe Sat 07.02. → Sat 07.03.2026 → Mon 09.03.2026.
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 2, 3), Delivery.POST)
    assert deadline.due == date(2026, 3, 9)
    assert deadline.remind_from == date(2026, 2, 28)
    assert "(07.03.2026 Samstag, 08.03.2026 Sonntag)" in deadline.rule


def test_widerspruch_ending_on_a_sunday_moves_to_monday() -> None:
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 2, 4), Delivery.POST)
    assert deadline.due == date(2026, 3, 9)
    assert deadline.rule.endswith("(08.03.2026 Sonntag)")


def test_widerspruch_ending_on_buss_und_bettag() -> None:
    # Posted Wed 14.10.2026 → Bekanntgabe Sun 18.10. → Wed 18.11.2026, a holiday only in Saxony.
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 10, 14), Delivery.POST)
    assert deadline.due == date(2026, 11, 19)
    assert deadline.remind_from == date(2026, 11, 11)
    assert deadline.rule.endswith("(18.11.2026 Buß- und Bettag)")


def test_widerspruch_on_a_working_day_is_not_moved() -> None:
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 1, 20), Delivery.UEBERGABE)
    assert deadline == Deadline(
        date(2026, 2, 20), date(2026, 2, 13), "Widerspruch: 1 Monat nach Übergabe am 20.01.2026"
    )


def test_widerspruch_from_the_31st_ends_on_the_last_day_of_february() -> None:
    deadline = compute_deadline(K.WIDERSPRUCH, date(2028, 1, 31), Delivery.ZUSTELLUNG)
    assert deadline.due == date(2028, 2, 29)
    assert deadline.rule == "Widerspruch: 1 Monat nach Zustellung am 31.01.2028"


def test_widerspruch_from_a_letter_that_arrived_late() -> None:
    deadline = compute_deadline(K.WIDERSPRUCH, date(2026, 3, 2), Delivery.POST, date(2026, 3, 10))
    assert deadline.due == date(2026, 4, 10)
    assert "Bekanntgabe am 10.03.2026 (später zugegangen" in deadline.rule


# --- Asylum court deadlines ---------------------------------------------------------------------


def test_asylum_claim_two_weeks_after_zustellung() -> None:
    deadline = compute_deadline(K.ASYL_KLAGE, date(2026, 3, 2), Delivery.ZUSTELLUNG)
    assert deadline.due == date(2026, 3, 16)
    assert deadline.remind_from == date(2026, 3, 13)
    assert deadline.rule == "Asylklage (§ 74 Abs. 1 AsylG): 2 Wochen nach Zustellung am 02.03.2026"


def test_asylum_claim_offensichtlich_unbegruendet_one_week() -> None:
    deadline = compute_deadline(K.ASYL_KLAGE_OU, date(2026, 3, 2), Delivery.ZUSTELLUNG)
    assert deadline.due == date(2026, 3, 9)
    assert deadline.remind_from == date(2026, 3, 7)
    assert "1 Woche nach Zustellung am 02.03.2026" in deadline.rule
    assert "§§ 36 Abs. 3, 74 Abs. 1 AsylG" in deadline.rule


def test_asylum_claim_ending_on_reformationstag() -> None:
    # Zustellung Fri 17.10.2025 + 2 weeks = Fri 31.10.2025 (Reformationstag) → Mon 03.11.2025.
    deadline = compute_deadline(K.ASYL_KLAGE, date(2025, 10, 17), Delivery.ZUSTELLUNG)
    assert deadline.due == date(2025, 11, 3)
    # Reminded 3 days before the holiday, not 3 days before Monday (that would be the holiday).
    assert deadline.remind_from == date(2025, 10, 28)
    assert "(31.10.2025 Reformationstag, 01.11.2025 Samstag, 02.11.2025 Sonntag)" in deadline.rule


def test_asylum_ou_ending_on_buss_und_bettag() -> None:
    deadline = compute_deadline(K.ASYL_KLAGE_OU, date(2026, 11, 11), Delivery.ZUSTELLUNG)
    assert deadline.due == date(2026, 11, 19)
    assert deadline.remind_from == date(2026, 11, 16)


def test_posted_asylum_decision_counts_from_the_fourth_day() -> None:
    deadline = compute_deadline(K.ASYL_KLAGE, date(2026, 3, 2), Delivery.POST)
    assert deadline.due == date(2026, 3, 20)  # 06.03. + 14 days, a Friday


# --- Expiry dates -------------------------------------------------------------------------------


def test_residence_title_expiry_reminds_eight_weeks_ahead() -> None:
    deadline = compute_deadline(
        K.TITEL_ABLAUF, date(2025, 6, 30), Delivery.UEBERGABE, expires_on=date(2026, 6, 30)
    )
    assert deadline.due == date(2026, 6, 30)
    assert deadline.remind_from == date(2026, 5, 5)
    assert "Aufenthaltstitel endet am 30.06.2026" in deadline.rule


def test_expiry_on_a_sunday_is_not_moved() -> None:
    deadline = compute_deadline(
        K.FIKTION_ABLAUF, date(2025, 12, 1), Delivery.UEBERGABE, expires_on=date(2026, 3, 8)
    )
    assert deadline.due == date(2026, 3, 8)
    assert "Fiktionsbescheinigung" in deadline.rule


def test_short_fiktionsbescheinigung_reminds_from_the_day_it_was_issued() -> None:
    deadline = compute_deadline(
        K.FIKTION_ABLAUF, date(2026, 2, 1), Delivery.UEBERGABE, expires_on=date(2026, 3, 1)
    )
    assert deadline.remind_from == date(2026, 2, 1)


def test_weiterbewilligung_reminds_six_weeks_before_the_period_ends() -> None:
    deadline = compute_deadline(
        K.WEITERBEWILLIGUNG, date(2026, 2, 20), Delivery.POST, expires_on=date(2026, 8, 31)
    )
    assert deadline.due == date(2026, 8, 31)
    assert deadline.remind_from == date(2026, 7, 20)
    assert "Weiterbewilligungsantrag" in deadline.rule


def test_bewilligung_for_a_past_period_reminds_at_once() -> None:
    deadline = compute_deadline(
        K.WEITERBEWILLIGUNG, date(2026, 3, 10), Delivery.POST, expires_on=date(2026, 2, 28)
    )
    assert deadline.remind_from == deadline.due == date(2026, 2, 28)


@pytest.mark.parametrize("kind", [K.TITEL_ABLAUF, K.FIKTION_ABLAUF, K.WEITERBEWILLIGUNG])
def test_expiry_kinds_need_the_expiry_date(kind: BescheidKind) -> None:
    with pytest.raises(ValueError, match="Ablaufdatum"):
        compute_deadline(kind, date(2026, 1, 1), Delivery.UEBERGABE)


def test_impossible_receipt_is_rejected_for_every_kind() -> None:
    with pytest.raises(ValueError, match="liegt vor dem Datum des Bescheids"):
        compute_deadline(K.WIDERSPRUCH, date(2026, 3, 1), Delivery.UEBERGABE, date(2026, 2, 1))


def test_a_reminder_after_the_due_date_is_refused() -> None:
    with pytest.raises(ValueError):
        Deadline(date(2026, 1, 1), date(2026, 1, 2), "x")


_PERIODS = {K.WIDERSPRUCH: 7, K.ASYL_KLAGE: 3, K.ASYL_KLAGE_OU: 2}


@given(
    kind=st.sampled_from(list(_PERIODS)),
    letter=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    delivery=st.sampled_from(list(Delivery)),
    delay=st.none() | st.integers(0, 30),
)
def test_period_deadlines_end_on_a_working_day_after_the_bekanntgabe(
    kind: BescheidKind, letter: date, delivery: Delivery, delay: int | None
) -> None:
    received = None if delay is None else letter + timedelta(days=delay)
    known = bekanntgabe(letter, delivery, received)
    deadline = compute_deadline(kind, letter, delivery, received)
    assert is_working_day(deadline.due)
    assert deadline.due > known + timedelta(days=6)
    assert known <= deadline.remind_from <= deadline.due - timedelta(days=_PERIODS[kind])
