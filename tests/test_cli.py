from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _classify(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m bot classify ARGS`` as an operator runs it: no token, no Handout settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "HANDOUT_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "classify", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=60,
    )


def test_classify_reads_stdin_and_prints_one_label_per_line(tmp_path: Path) -> None:
    lines = ["thanks!", "could you explain step 3?", "mag ik de checklist?", "ok", "", "🙏"]
    result = _classify(tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    # No token needed: classify works offline without any configuration.
    assert result.stdout.splitlines() == ["thanks", "question", "request", "other", "other", "thanks"]


def test_classify_explain_prints_the_label_and_what_decided_it(tmp_path: Path) -> None:
    # One rule-decided line and one the model decides (a wish the Italian lexicon does not list).
    lines = ["mag ik de checklist?", "mi farebbe davvero piacere ricevere il ricettario"]
    result = _classify(tmp_path, "--explain", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    rule_line, model_line = result.stdout.splitlines()
    assert rule_line.startswith("request\trequest frame: 'mag ik'")
    label, reason = model_line.split("\t")
    assert label == "request" and "top features: " in reason and ("letters '" in reason or "word '" in reason)


def _eval(tmp_path: Path, name: str, *flags: str) -> subprocess.CompletedProcess[str]:
    # "ok" labelled thanks is a miss by design: the report must say what it got and why.
    rows = ["label\tlang\ttext", "request\tnl\tmag ik de checklist?", "thanks\ten\tok"]
    labelled = tmp_path / name
    labelled.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return _classify(tmp_path, "--eval", str(labelled), *flags)


def test_classify_eval_prints_accuracy_the_confusion_matrix_and_the_misses(tmp_path: Path) -> None:
    result = _eval(tmp_path, "mine.tsv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("mine.tsv: 1/2 = 50.0%")
    assert "confusion (rows: expected, columns: got)" in result.stdout
    assert "expected thanks   got other" in result.stdout and "'ok'" in result.stdout


def test_classify_eval_keeps_a_judging_sets_misses_off_the_screen_unless_asked(tmp_path: Path) -> None:
    # Whoever reads a judging set's misses starts tuning on them (tests/data/README.md).
    result = _eval(tmp_path, "classifier_eval10.tsv")
    assert result.returncode == 0, result.stderr
    assert "1/2 = 50.0%" in result.stdout and "confusion" in result.stdout
    assert "'ok'" not in result.stdout and "got other" not in result.stdout
    assert "misses not shown: classifier_eval10.tsv is kept for judging (--misses shows them)" in result.stdout
    shown = _eval(tmp_path, "classifier_eval10.tsv", "--misses")
    assert "expected thanks   got other" in shown.stdout and "misses not shown" not in shown.stdout


def test_classify_eval_of_an_unreadable_file_says_so(tmp_path: Path) -> None:
    result = _classify(tmp_path, "--eval", str(tmp_path / "absent.tsv"))
    assert result.returncode != 0 and "cannot read" in result.stderr and result.stdout == ""
