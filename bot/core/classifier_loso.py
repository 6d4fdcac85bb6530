"""Leave-one-writer-out validation of the classifier: ``python -m bot.core.classifier_train --loso``.

Each set in WRITER_SETS was written by one person, independently of the others. For each of them a
model is trained on every training file except that set (and except any row of another file that
repeats one of its rows, case, spacing and punctuation ignored), and the full classifier (rules and
that model, arbitrated exactly as at run time by classifier_model.decide) is scored on it. The mean
over the sets says how well the classifier carries over to a writer it has not seen; one set's figure
says how well it fits that writer. Optimise the mean, never one set.

Caveat: the rules were written from the misses of classifier_eval.tsv to classifier_eval4.tsv (and
hand-written training rows in the shapes of those misses), so those folds flatter the classifier;
classifier_eval5.tsv (read in round 6, no rule written from it) and the round-6 writer files
(tools/classifier_written_round6_*.tsv, never read by any rule) are the fairest folds.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from pathlib import Path

from bot.core import classifier
from bot.core.classifier_eval import load_tsv
from bot.core.classifier_model import LABELS, decide, features, softmax
from bot.core.classifier_train import SETTINGS, TRAINING_FILES, _refuse_judging_sets, fit, path_of, source_weight

# Sets each written by one person who had not read the classifier (tests/data/README.md): the former
# judging sets and the writers' files, read off TRAINING_FILES so a new writer's file is listed once.
WRITER_SETS = tuple(
    name for name in TRAINING_FILES if name.startswith(("classifier_eval", "tools/classifier_written_"))
)


def key(text: str) -> str:
    """Punctuation-, case- and spacing-blind, as tests/test_classifier_eval_data.py compares rows."""
    exact = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return re.sub(r"[\W_]+", "", exact) or exact


def training_indices(held_out: str, held_keys: set[str], sources: list[str], texts: list[str]) -> list[int]:
    """The rows a fold trains on: not from the held-out set, and not repeating one of its rows."""
    return [i for i, source in enumerate(sources) if source != held_out and key(texts[i]) not in held_keys]


def fold_records(held_out: str, examples: list, sources: list[str], texts: list[str], settings: dict) -> list:
    """Train without ``held_out`` and the rows that repeat it; one record per held-out row:
    (gold, lang, rule label, rule reason, model probabilities)."""
    held = load_tsv(path_of(held_out))
    keep = training_indices(held_out, {key(text) for _, _, text in held}, sources, texts)
    model = fit([examples[i] for i in keep], settings, [source_weight(sources[i], settings) for i in keep])
    classifier.use_model(None)
    try:
        out = []
        for gold, lang, text in held:
            rule_label, reason = classifier.classify_with_reason(text)
            probs = softmax(model.scores(features(text)))
            out.append((gold, lang, rule_label.value, reason, [round(p, 4) for p in probs]))
        return out
    finally:
        classifier._model_override.clear()


def score(records: list) -> dict[str, float]:
    """Accuracy of the rules alone, the model alone and both arbitrated, overall and per label."""
    both = [decide(rule, why, dict(zip(LABELS, probs, strict=True))) == gold for gold, _, rule, why, probs in records]
    out = {
        "rules": statistics.fmean(rule == gold for gold, _, rule, _, _ in records),
        "model": statistics.fmean(LABELS[max(range(4), key=p.__getitem__)] == gold for gold, _, _, _, p in records),
        "both": statistics.fmean(both),
    }
    for label in LABELS:
        hits = [ok for ok, record in zip(both, records, strict=True) if record[0] == label]
        out[label] = statistics.fmean(hits) if hits else 1.0
    return out


def run(settings: dict = SETTINGS, dump: Path | None = None, sets: tuple[str, ...] = WRITER_SETS) -> None:
    names = tuple(dict.fromkeys((*TRAINING_FILES, *sets)))
    _refuse_judging_sets(names)
    rows = [(name, row) for name in names if path_of(name).is_file() for row in load_tsv(path_of(name))]
    sources = [name for name, _ in rows]
    texts = [text for _, (_, _, text) in rows]
    examples = [(features(text), LABELS.index(label)) for _, (label, _, text) in rows]
    results = {}
    for held_out in sets:
        if not path_of(held_out).is_file():
            continue
        records = fold_records(held_out, examples, sources, texts, settings)
        results[held_out] = records
        s = score(records)
        labels = " ".join(f"{label} {s[label]:.1%}" for label in LABELS)
        print(
            f"{held_out:<40} n={len(records):>5}  rules {s['rules']:.1%}  model {s['model']:.1%}  "
            f"both {s['both']:.1%}  ({labels})",
            flush=True,
        )
    scores = [score(records) for records in results.values()]
    mean = {kind: statistics.fmean(s[kind] for s in scores) for kind in ("rules", "model", "both")}
    lowest = min(min(s[label] for label in LABELS) for s in scores)
    print(
        f"{'mean over writers':<48} rules {mean['rules']:.1%}  model {mean['model']:.1%}  both {mean['both']:.1%}"
        f"  (lowest label on any set {lowest:.1%})"
    )
    if dump:
        dump.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
