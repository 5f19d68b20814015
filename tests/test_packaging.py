"""The wheel carries migrations/ and resources/, and the installed package finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("fsa_desk-*.whl"))


def test_installed_wheel_finds_its_data_and_migrates(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "fsa_desk/_migrations/env.py" in names
    assert any(n.startswith("fsa_desk/_migrations/versions/0001") for n in names)
    assert "fsa_desk/_resources/codes/life_areas.toml" in names
    assert "fsa_desk/_resources/locale/de/LC_MESSAGES/fsa_desk.mo" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    script = (
        "import fsa_desk.paths as p, fsa_desk, sys;"
        "from fsa_desk.i18n import _;"
        "print(fsa_desk.__file__); print(p.migrations_dir()); print(p.resources_dir());"
        "print(_('Wrong passphrase.'))"
    )
    # -I would drop site-packages (the dependencies); PYTHONPATH puts the wheel's copy first.
    env = {**os.environ, "PYTHONPATH": str(target), "FSA_DESK_LANG": "de"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in out[:3]), out
    assert out[3] == "Falsche Passphrase."
    data = tmp_path / "data"
    init = subprocess.run(
        [
            sys.executable,
            "-m",
            "fsa_desk",
            "--data-dir",
            str(data),
            "init",
            "--name",
            "W",
            "--code",
            "W1",
            "--role",
            "lead",
        ],
        env={**env, "FSA_DESK_PASSPHRASE": "wheel-geheim"},
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    assert (data / "fsa-desk.db").is_file()


def test_wheel_lists_every_source_package() -> None:
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(p.parent.relative_to(ROOT / "src").parts)
        for p in (ROOT / "src").rglob("__init__.py")
    }
    assert on_disk <= listed
