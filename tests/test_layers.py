"""The architecture holds: layers only import downwards, and only gui/ imports Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = [
    sys.executable,
    "-c",
    "from importlinter.cli import lint_imports_command; lint_imports_command()",
]


def lint(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LINT_IMPORTS, str(config), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_env(cwd),
    )


def _env(path: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(path / "src") + os.pathsep + str(ROOT / "src")}


def test_project_keeps_its_layers() -> None:
    result = lint(ROOT / "pyproject.toml", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_when_a_store_module_imports_qt_or_services(tmp_path: Path) -> None:
    """Guard against a contract that cannot fail: the same rules catch planted violations."""
    package = tmp_path / "src" / "fsa_desk"
    for layer in ("domain", "store", "services", "sync", "forms", "reports", "cli", "gui"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    for name in ("errors", "i18n", "paths"):
        (package / f"{name}.py").write_text("")
    (package / "store" / "leak.py").write_text(
        textwrap.dedent("""
            import PySide6.QtCore
            from fsa_desk.services import something
        """)
    )
    (package / "services" / "something.py").write_text("")
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text())
    result = lint(config, tmp_path)
    assert result.returncode != 0
    assert "fsa_desk.store.leak -> fsa_desk.services" in result.stdout
    assert "PySide6" in result.stdout
