from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_classify_reads_stdin_and_prints_one_label_per_line(tmp_path: Path) -> None:
    lines = ["thanks!", "could you explain step 3?", "mag ik de checklist?", "ok", "", "🙏"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HANDOUT_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "classify"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # No token needed: classify works offline without any configuration.
    assert result.stdout.splitlines() == ["thanks", "question", "request", "other", "other", "thanks"]
