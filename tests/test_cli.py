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


def test_classify_explain_prints_the_label_and_what_decided_it(tmp_path: Path) -> None:
    # One rule-decided line and one the model decides (a wish the Italian lexicon does not list).
    lines = ["mag ik de checklist?", "mi farebbe davvero piacere ricevere il ricettario"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HANDOUT_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "classify", "--explain"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    rule_line, model_line = result.stdout.splitlines()
    assert rule_line.startswith("request\trequest frame: 'mag ik'")
    label, reason = model_line.split("\t")
    assert label == "request" and "top features: " in reason and ("letters '" in reason or "word '" in reason)
