"""How far second labellers agree with a labelled set (tests/data/second_labels, tests/data/LABELLING.md).

    python tools/label_agreement.py tests/data/classifier_eval10.tsv tests/data/second_labels/classifier_eval10.*.tsv

A second-label file has a header ``row<TAB>label<TAB>sure<TAB>why`` and one line per row of the set
(``row`` counts the set's messages from 1), labelled by someone who saw the texts only, shuffled, and
the rules. Prints each labeller's agreement with the set and Cohen's kappa, where they differ, and how
far the labellers agree with one another. Reads no classifier: it measures the labels, not the model.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.classifier_eval import load_tsv

LABELS = ("thanks", "question", "request", "other")


def load_second_labels(path: Path, rows: int) -> list[tuple[str, bool]]:
    """(label, sure) for each row of the set, in the set's order; ValueError unless every row is there once."""
    found: dict[int, tuple[str, bool]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[:3] != ["row", "label", "sure"]:
        raise ValueError(f"{path}: the first line must be row<TAB>label<TAB>sure<TAB>why")
    for number, line in enumerate(lines[1:], start=2):
        row, label, sure, *_ = [*line.split("\t"), "", ""]
        if not row.isdigit() or label not in LABELS or sure not in ("yes", "no") or int(row) in found:
            raise ValueError(f"{path}:{number}: expected a new row number, a label and yes/no")
        found[int(row)] = (label, sure == "yes")
    if sorted(found) != list(range(1, rows + 1)):
        raise ValueError(f"{path}: expected rows 1 to {rows}, found {len(found)} rows")
    return [found[row] for row in range(1, rows + 1)]


def agreement(a: list[str], b: list[str]) -> tuple[float, float]:
    """(share of rows with the same label, Cohen's kappa)."""
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    count_a, count_b = Counter(a), Counter(b)
    chance = sum(count_a[label] * count_b[label] for label in LABELS) / len(a) ** 2
    return observed, (observed - chance) / (1 - chance) if chance < 1 else 1.0


def report(set_path: Path, label_paths: list[Path]) -> str:
    gold = [label for label, _, _ in load_tsv(set_path)]
    seconds = {path.name: load_second_labels(path, len(gold)) for path in label_paths}
    lines = [f"{set_path.name}: {len(gold)} rows"]
    for name, labelled in seconds.items():
        labels = [label for label, _ in labelled]
        share, kappa = agreement(gold, labels)
        unsure = sum(not sure for _, sure in labelled)
        lines.append(f"  {name}: agrees with the set on {share:.1%} (kappa {kappa:.3f}); unsure on {unsure} rows")
        if differ := Counter((g, s) for g, s in zip(gold, labels, strict=True) if g != s):
            lines.append("    set label -> second label: " + ", ".join(f"{g}->{s} {n}" for (g, s), n in differ.items()))
    for (one, a), (two, b) in itertools.combinations(seconds.items(), 2):
        share, kappa = agreement([label for label, _ in a], [label for label, _ in b])
        lines.append(f"  {one} and {two} agree on {share:.1%} (kappa {kappa:.3f})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    print(report(Path(argv[0]), [Path(p) for p in argv[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
