"""Entry point of the frozen app: the same ``fsa-desk`` command as the installed script."""

from fsa_desk.cli.main import run

if __name__ == "__main__":
    run()
