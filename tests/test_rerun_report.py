"""The e2e suite's rerun report (tests/e2e/rerun_report.py): a story that fails once and passes on
its rerun still shows, at the end of the run, the assertion that failed the first time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CONFTEST = "from tests.e2e.rerun_report import pytest_terminal_summary  # noqa: F401\n"
STORY = """
import pytest
from pathlib import Path

@pytest.mark.flaky(reruns=1)
def test_story(tmp_path_factory):
    flag = Path(__file__).with_name("failed-once")
    if not flag.exists():
        flag.touch()
        assert "late" == "on time", "the DM came after the deadline"

def test_steady():
    pass
"""


def _run(folder: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_story_rerun_once_shows_why_it_failed_first(tmp_path: Path):
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_probe.py").write_text(STORY, encoding="utf-8")
    out = _run(tmp_path)
    assert "2 passed, 1 rerun" in out
    section = out.split("why stories were rerun", 1)[1]
    assert "test_probe.py::test_story (call) failed first:" in section
    assert "AssertionError: the DM came after the deadline" in section
    assert "test_steady" not in section


def test_a_run_without_reruns_adds_nothing(tmp_path: Path):
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_probe.py").write_text("def test_steady():\n    pass\n", encoding="utf-8")
    assert "why stories were rerun" not in _run(tmp_path)
