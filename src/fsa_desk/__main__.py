"""``python -m fsa_desk`` runs the command line."""

from fsa_desk.cli.main import run

run()
