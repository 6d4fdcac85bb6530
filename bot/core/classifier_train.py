"""Train the classifier's model (bot/core/classifier_model.json) from the labelled TSV files in tests/data.

    python -m bot.core.classifier_train             # retrain on every training file, write the model
    python -m bot.core.classifier_train --check     # retrain in memory, fail unless the file is identical
    python -m bot.core.classifier_train --validate  # train without classifier_eval.tsv, score on it

Deterministic: files are read in a fixed order, examples are shuffled with a fixed seed, and weights
are rounded before they are written, so the same data gives a byte-identical file. The model records
a SHA-256 of each training file; tests compare those cheaply.

Never add classifier_eval5.tsv (or any set kept for judging, see JUDGING_SETS) to TRAINING_FILES: the
trainer refuses to read it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

from bot.core.classifier_eval import load_tsv
from bot.core.classifier_model import LABELS, MODEL_PATH, Model, features, softmax

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
# classifier_eval2.tsv judged round 2; round 3 read its misses and, at the end, trained on it (2026-12-03).
# classifier_eval3.tsv judged round 3; round 4 read its misses and trained on it (2026-12-03).
# classifier_eval4.tsv judged round 4; round 5 read its misses and trained on it (2026-12-03).
TRAINING_FILES = (
    "classifier_train.tsv",
    "classifier_dev.tsv",
    "classifier_holdout.tsv",
    "classifier_eval.tsv",
    "classifier_eval2.tsv",
    "classifier_eval3.tsv",
    "classifier_eval4.tsv",
)
VALIDATION_FILE = "classifier_eval.tsv"
SETTINGS = {"epochs": 12, "learning_rate": 4.0, "l2": 1e-5, "min_docs": 2, "seed": 14, "precision": 3}


# Held out to judge the classifier: never read here, not even to validate (tests/data/README.md).
JUDGING_SETS = ("classifier_eval5.tsv",)


def _refuse_judging_sets(names: tuple[str, ...]) -> None:
    if judged := [name for name in names if name in JUDGING_SETS]:
        raise ValueError(f"{', '.join(judged)} is kept for judging and is never trained or validated on")


def file_hashes(names: tuple[str, ...] = TRAINING_FILES) -> dict[str, str]:
    return {name: hashlib.sha256((DATA / name).read_bytes()).hexdigest() for name in names}


def train(rows: list[tuple[str, str, str]], settings: dict = SETTINGS) -> Model:
    """Multinomial logistic regression by plain SGD with a decaying step, L2 on the touched weights."""
    examples = [(features(text), LABELS.index(label)) for label, _, text in rows]
    doc_counts: dict[str, int] = {}
    for feats, _ in examples:
        for name in feats:
            doc_counts[name] = doc_counts.get(name, 0) + 1
    vocab = {name for name, count in doc_counts.items() if count >= settings["min_docs"]}
    examples = [({n: v for n, v in feats.items() if n in vocab}, y) for feats, y in examples]
    weights: dict[str, list[float]] = {name: [0.0] * len(LABELS) for name in sorted(vocab)}
    bias = [0.0] * len(LABELS)
    model = Model(weights, bias)
    rng = random.Random(settings["seed"])
    order = list(range(len(examples)))
    l2 = settings["l2"]
    for epoch in range(settings["epochs"]):
        rng.shuffle(order)
        rate = settings["learning_rate"] / (1 + epoch)
        for i in order:
            feats, y = examples[i]
            probs = softmax(model.scores(feats))
            grad = [(p - (1.0 if c == y else 0.0)) for c, p in enumerate(probs)]
            for c in range(len(LABELS)):
                bias[c] -= rate * grad[c] * 0.1
            for name, value in feats.items():
                w = weights[name]
                for c in range(len(LABELS)):
                    w[c] -= rate * (grad[c] * value + l2 * w[c])
    return model


def to_json(model: Model, hashes: dict[str, str], settings: dict = SETTINGS) -> str:
    digits = settings["precision"]
    floor = 0.5 * 10**-digits
    kept = {
        name: [round(x, digits) + 0.0 for x in w]
        for name, w in sorted(model.weights.items())
        if max(abs(x) for x in w) >= floor * 4
    }
    lines = [
        "{",
        f' "about": {json.dumps("Written by python -m bot.core.classifier_train; do not edit by hand.")},',
        f' "training_files": {json.dumps(hashes, sort_keys=True)},',
        f' "settings": {json.dumps(settings, sort_keys=True)},',
        f' "labels": {json.dumps(list(LABELS))},',
        f' "bias": {json.dumps([round(b, digits) + 0.0 for b in model.bias])},',
        ' "weights": {',
    ]
    items = [f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" for name, w in kept.items()]
    lines.append(",\n".join(items))
    lines.extend([" }", "}", ""])
    return "\n".join(lines)


def _rows(names: tuple[str, ...]) -> list[tuple[str, str, str]]:
    _refuse_judging_sets(names)
    return [row for name in names for row in load_tsv(DATA / name)]


def validate(held_out: str = VALIDATION_FILE) -> None:
    """Honest check for decisions: a model trained without ``held_out`` (a file in tests/data), scored on it."""
    from bot.core import classifier
    from bot.core.classifier_eval import evaluate, format_report

    _refuse_judging_sets((held_out,))
    names = tuple(n for n in TRAINING_FILES if n != held_out)
    model = train(_rows(names))
    held = load_tsv(DATA / held_out)
    alone = sum(model.predict(text).label == label for label, _, text in held)
    print(f"model alone on {held_out}: {alone}/{len(held)} = {alone / len(held):.1%}")
    classifier.use_model(model)
    print(format_report(evaluate(held), f"rules + model on {held_out}", show_misses="-v" in sys.argv))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail unless retraining reproduces the shipped file")
    parser.add_argument(
        "--validate", nargs="?", const=VALIDATION_FILE, metavar="FILE", help="train without FILE, score on it"
    )
    parser.add_argument("-v", action="store_true", help="with --validate: list the misses")
    args = parser.parse_args()
    if args.validate:
        validate(args.validate)
        return 0
    text = to_json(train(_rows(TRAINING_FILES)), file_hashes())
    if args.check:
        same = MODEL_PATH.read_text(encoding="utf-8") == text
        print("identical" if same else f"{MODEL_PATH.name} differs from a retrain: run without --check")
        return 0 if same else 1
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
