"""Build the frozen fsa-desk (PyInstaller onedir) and, with --check, run its self-test.

    .venv/bin/pip install -e ".[build]"
    .venv/bin/python packaging/build.py [--check]

Output: dist/fsa-desk/ (Linux: dist/fsa-desk/fsa-desk). --check runs
``fsa-desk --self-test`` offscreen in the build, including the upgrade of the golden database
of the first schema revision, and prints the size of the build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "fsa-desk.spec"
DIST = ROOT / "dist"
GOLDEN = ROOT / "tests" / "golden" / "schema-0001_initial.db"
GOLDEN_KEY = bytes(range(32)).hex()  # tests/conftest.py TEST_KEY


def build() -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller")]
    subprocess.run([*command, str(SPEC)], check=True, cwd=ROOT)
    name = "fsa-desk.exe" if sys.platform == "win32" else "fsa-desk"
    return DIST / "fsa-desk" / name


def check(executable: Path) -> int:
    """The frozen app's self-test, offscreen, with the golden database upgrade."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FSA_DESK_LANG": "en"}
    if GOLDEN.is_file():
        env |= {"FSA_DESK_SELF_TEST_OLD_DB": str(GOLDEN), "FSA_DESK_SELF_TEST_OLD_KEY": GOLDEN_KEY}
    return subprocess.run([str(executable), "--self-test"], env=env, check=False).returncode


def size_mb(folder: Path) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="run the built app's self-test")
    parser.add_argument("--no-build", action="store_true", help="check an existing build")
    args = parser.parse_args()
    executable = DIST / "fsa-desk" / "fsa-desk" if args.no_build else build()
    print(f"build: {executable.parent} ({size_mb(executable.parent):.0f} MB)")
    return check(executable) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
