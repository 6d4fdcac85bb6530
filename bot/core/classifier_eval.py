"""Measure the classifier on a labelled TSV file: accuracy overall, per label, per language, and confusions.

Shared by ``python -m bot classify --eval FILE.tsv`` and the floor tests in tests/test_classifier.py,
so what the CLI prints is exactly what the tests hold to a floor.

File format (as in the shared corpus): UTF-8, header ``label<TAB>lang<TAB>text``, one message per
line, split on the first two tabs; a literal ``\\n`` in the text stands for a newline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.classifier import Label, classify_with_reason

_LABELS = tuple(label.value for label in Label)


class EvalFileError(ValueError):
    """The file is not a labelled TSV we can read; the message says which line and why."""


def load_tsv(path: Path) -> list[tuple[str, str, str]]:
    """Rows of (label, lang, text); raises EvalFileError on a bad header, a short line or an unknown label."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != ["label", "lang", "text"]:
        raise EvalFileError(f"{path}: the first line must be the header label<TAB>lang<TAB>text")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3 or parts[0] not in _LABELS:
            raise EvalFileError(f"{path}:{number}: expected one of {', '.join(_LABELS)}, a language and a text")
        rows.append((parts[0], parts[1], parts[2].replace("\\n", "\n")))
    return rows


@dataclass
class Report:
    total: int = 0
    correct: int = 0
    by_label: Counter[str] = field(default_factory=Counter)
    correct_by_label: Counter[str] = field(default_factory=Counter)
    by_lang: Counter[str] = field(default_factory=Counter)
    correct_by_lang: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, got) -> count
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # expected, got, reason, text

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def label_accuracy(self, label: str) -> float:
        return self.correct_by_label[label] / self.by_label[label] if self.by_label[label] else 1.0


def evaluate(rows: list[tuple[str, str, str]]) -> Report:
    report = Report()
    for expected, lang, text in rows:
        got, reason = classify_with_reason(text)
        ok = got.value == expected
        report.total += 1
        report.correct += ok
        report.by_label[expected] += 1
        report.correct_by_label[expected] += ok
        report.by_lang[lang] += 1
        report.correct_by_lang[lang] += ok
        report.confusion[(expected, got.value)] += 1
        if not ok:
            report.misses.append((expected, got.value, reason, text))
    return report


def format_report(report: Report, title: str, *, show_misses: bool = True) -> str:
    out = [f"{title}: {report.correct}/{report.total} = {report.accuracy:.1%}"]
    for heading, counts, oks in (
        ("label", report.by_label, report.correct_by_label),
        ("lang", report.by_lang, report.correct_by_lang),
    ):
        out.append(f"  {heading:<9}{'n':>5}{'correct':>9}{'accuracy':>10}")
        for key in sorted(counts, key=lambda k: (-counts[k], k)):
            out.append(f"  {key:<9}{counts[key]:>5}{oks[key]:>9}{oks[key] / counts[key]:>10.1%}")
    out.append("  confusion (rows: expected, columns: got)")
    out.append("  " + " " * 10 + "".join(f"{label:>10}" for label in _LABELS))
    for expected in _LABELS:
        cells = "".join(f"{report.confusion[(expected, got)]:>10}" for got in _LABELS)
        out.append(f"  {expected:<10}{cells}")
    if show_misses:
        out.append("  misses:" if report.misses else "  no misses")
        out.extend(f"    expected {e:<8} got {g:<8} [{r}] {t!r}" for e, g, r, t in report.misses)
    return "\n".join(out)
