"""Second labellers' files (tests/data/second_labels) and the tool that compares them with a set.

Each file holds one blind labeller's labels for a judging set or a writer's file (tests/data/LABELLING.md,
"Round 11" in tests/data/README.md). The checks keep the files whole and keep the set's labels what the
labellers agreed with: relabelling a set without labelling it again blind fails here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
TOOL = REPO / "tools" / "label_agreement.py"
SECOND = sorted((DATA / "second_labels").glob("classifier_*.tsv"))


def _tool():
    spec = importlib.util.spec_from_file_location("label_agreement", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set_of(path: Path) -> Path:
    """classifier_eval10.a.tsv -> tests/data/classifier_eval10.tsv; a writer's file lives in tools/."""
    name = path.name.split(".")[0] + ".tsv"
    return DATA / name if name.startswith("classifier_eval") else REPO / "tools" / name


def test_every_labelled_set_has_two_second_labellers():
    sets = {_set_of(p).name for p in SECOND}
    assert sets == {
        "classifier_eval9.tsv",
        "classifier_eval10.tsv",
        "classifier_eval11.tsv",
        *(f"classifier_unseen_round10_{writer}.tsv" for writer in "vwx"),
    }
    for name in sets:
        assert sum(_set_of(p).name == name for p in SECOND) == 2


# Rows where each labeller differs from the set as stored (tests/data/README.md, round 11): relabelling
# a row of a set, either way, changes a count.
DIFFERING_ROWS = {
    "classifier_eval10.a.tsv": 1,
    "classifier_eval10.b.tsv": 1,
    # Round 12: each file joins three labellers, one per writer's part (k, m, o and l, n, p).
    "classifier_eval11.kmo.tsv": 0,
    "classifier_eval11.lnp.tsv": 0,
    "classifier_eval9.c.tsv": 4,
    "classifier_eval9.d.tsv": 2,
    "classifier_unseen_round10_v.e.tsv": 3,
    "classifier_unseen_round10_v.f.tsv": 3,
    "classifier_unseen_round10_w.g.tsv": 1,
    "classifier_unseen_round10_w.h.tsv": 2,
    "classifier_unseen_round10_x.i.tsv": 1,
    "classifier_unseen_round10_x.j.tsv": 2,
}


@pytest.mark.parametrize("path", SECOND, ids=lambda p: p.name)
def test_second_labels_cover_the_set_and_differ_from_it_where_they_did(path: Path):
    tool = _tool()
    gold = [line.split("\t", 1)[0] for line in _set_of(path).read_text(encoding="utf-8").splitlines()[1:]]
    second = [label for label, _ in tool.load_second_labels(path, len(gold))]
    assert sum(g != s for g, s in zip(gold, second, strict=True)) == DIFFERING_ROWS[path.name]
    share, kappa = tool.agreement(gold, second)
    assert share >= 0.99 and kappa >= 0.99


def test_load_second_labels_refuses_a_missing_a_repeated_or_an_unknown_row(tmp_path: Path):
    tool = _tool()
    path = tmp_path / "labels.tsv"
    cases = {
        "missing": "1\tthanks\tyes\tok\n",
        "repeated": "1\tthanks\tyes\tok\n1\tother\tyes\tok\n",
        "unknown label": "1\tthanks\tyes\tok\n2\tpraise\tyes\tok\n",
        "not yes or no": "1\tthanks\tyes\tok\n2\tother\tmaybe\tok\n",
    }
    for body in cases.values():
        path.write_text("row\tlabel\tsure\twhy\n" + body, encoding="utf-8")
        with pytest.raises(ValueError):
            tool.load_second_labels(path, 2)
    path.write_text("row\tlabel\tsure\twhy\n2\tother\tno\thard\n1\tthanks\tyes\tok\n", encoding="utf-8")
    assert tool.load_second_labels(path, 2) == [("thanks", True), ("other", False)]


def test_agreement_and_kappa():
    tool = _tool()
    assert tool.agreement(["thanks", "other"], ["thanks", "other"]) == (1.0, 1.0)
    share, kappa = tool.agreement(["thanks", "thanks", "other", "other"], ["thanks", "other", "thanks", "other"])
    assert share == 0.5 and kappa == 0.0  # no better than chance


def test_the_tool_reports_each_labeller_and_the_pair():
    names = [p for p in SECOND if _set_of(p).name == "classifier_eval9.tsv"]
    out = subprocess.run(
        [sys.executable, str(TOOL), str(DATA / "classifier_eval9.tsv"), *map(str, names)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert out.startswith("classifier_eval9.tsv: 1203 rows")
    assert all(f"{p.name}: agrees with the set on" in out for p in names)
    assert f"{names[0].name} and {names[1].name} agree on" in out


# Round 13 (tests/data/README.md): every training row the classifier, left out, read differently from its
# writer, and 240 rows it read alike, labelled again blind by two labellers. Where both agreed on another
# label than the writer's, the training file took theirs; everywhere else the writer's label stayed.
TRAINING_RECORD = DATA / "second_labels" / "training_round13.tsv"
RELABELLED_ROWS = 59


def _training_record() -> list[dict[str, str]]:
    lines = TRAINING_RECORD.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t", len(header) - 1), strict=True)) for line in lines[1:]]


def test_training_rows_carry_the_label_both_blind_labellers_gave():
    from bot.core.classifier_eval import load_tsv
    from bot.core.classifier_train import TRAINING_FILES, path_of

    labels_now: dict[tuple[str, str], set[str]] = {}
    for name in TRAINING_FILES:
        for label, _, text in load_tsv(path_of(name)):
            labels_now.setdefault((name, text.replace("\n", "\\n")), set()).add(label)
    record = _training_record()
    assert len(record) == 1803 and sum(row["picked"] == "control" for row in record) == 240
    relabelled = 0
    for row in record:
        agreed = row["label_a"] if row["label_a"] == row["label_b"] else None
        expected = agreed or row["writer"]
        assert labels_now[row["file"], row["text"]] == {expected}, row
        relabelled += expected != row["writer"]
    assert relabelled == RELABELLED_ROWS
    # The rows the classifier read like their writers: the labellers agreed with the writer on every one.
    assert all(r["label_a"] == r["label_b"] == r["writer"] for r in record if r["picked"] == "control")
