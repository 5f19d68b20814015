"""The throw-away demo installation behind ``fsa-desk gui --demo``."""

from __future__ import annotations

from fsa_desk.services.overview import overview
from fsa_desk.services.session import demo_installation


def test_demo_installation_has_data_and_is_deleted_afterwards() -> None:
    with demo_installation(households=8, months=6) as store:
        root = store.data_dir.root
        summary = overview(store)
        assert summary.households >= 8
        assert summary.consultations > 0
        assert summary.installation.role == "lead"
    assert not root.exists()
