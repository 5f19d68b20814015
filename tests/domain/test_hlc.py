from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain import hlc

DEVICE = uuid.UUID(int=7)


def fixed_wall(values: list[int]):  # type: ignore[no-untyped-def]
    iterator = iter(values)
    return lambda: next(iterator)


def test_format_is_wall_counter_device() -> None:
    clock = hlc.Clock(DEVICE, wall=lambda: 1_700_000_000_123)
    assert clock.tick() == f"1700000000123-0000-{DEVICE.hex}"
    assert clock.tick() == f"1700000000123-0001-{DEVICE.hex}"


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=60))
def test_ticks_strictly_increase_whatever_the_wall_clock_does(walls: list[int]) -> None:
    clock = hlc.Clock(DEVICE, wall=fixed_wall(walls))
    stamps = [clock.tick() for _ in walls]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


def test_tick_after_observing_a_future_hlc_orders_after_it() -> None:
    clock = hlc.Clock(DEVICE, wall=lambda: 1_000)
    future = f"{5_000_000:013d}-0042-{uuid.UUID(int=9).hex}"
    clock.observe(future)
    assert clock.tick() > future


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    clock = hlc.Clock(DEVICE, wall=lambda: 1_000)
    clock.observe(f"{1_000:013d}-9999-{uuid.UUID(int=9).hex}")
    assert clock.tick() == f"{1_001:013d}-0000-{DEVICE.hex}"


def test_restart_continues_after_the_last_hlc_even_if_the_wall_clock_went_back() -> None:
    before = hlc.Clock(DEVICE, wall=lambda: 9_000).tick()
    after_restart = hlc.Clock(DEVICE, last=before, wall=lambda: 1_000)
    assert after_restart.tick() > before


@pytest.mark.parametrize(
    "text", ["", "123-0000-abc", f"{1:013d}-00x0-{DEVICE.hex}", f"{1:013d}-0000-{'z' * 32}"]
)
def test_parse_rejects_malformed_values(text: str) -> None:
    with pytest.raises(ValueError):
        hlc.parse(text)


def test_far_future_detection_uses_24_hours() -> None:
    now = 10**12
    day = 24 * 3600 * 1000
    assert not hlc.is_too_far_in_future(f"{now + day:013d}-0000-{DEVICE.hex}", now)
    assert hlc.is_too_far_in_future(f"{now + day + 1:013d}-0000-{DEVICE.hex}", now)
