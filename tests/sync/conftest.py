"""Fixtures of the sync tests: a template team copied into each test."""

from tests.sync.teams import sync_team, team_template

__all__ = ["sync_team", "team_template"]
