"""Round 6 of issue 14: leave-one-writer-out validation, the writers' training files, the cue features the
model sees, and the guards that keep the new judging set classifier_eval6.tsv out of training.

The sentences here were written for these tests and are in no training or evaluation file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import classifier_loso, classifier_train
from bot.core.classifier import Label, classify_with_reason
from bot.core.classifier_eval import evaluate, load_tsv
from bot.core.classifier_model import features

# Every writer's file in tools/ (rounds 6 and 7), found on disk: the test below then checks that each is
# trained on and is a leave-one-writer-out fold, so a file added but not listed fails.
WRITER_FILES = tuple(
    f"tools/{path.name}" for path in sorted(Path(classifier_train.REPO, "tools").glob("classifier_written_*.tsv"))
)


def _cues(text: str) -> set[str]:
    return {name for name in features(text) if name.startswith("x ")}


@pytest.mark.parametrize(
    "text",
    [
        "thanks for the 9 reminders at 2am, so relaxing",
        "bedankt voor de 14 berichten vannacht, echt gezellig",
        "gracias por los 6 avisos de madrugada, qué detalle",
        "dzięki za 11 wiadomości w nocy, super",
    ],
)
def test_a_thank_you_with_a_number_is_a_cue_of_its_own(text: str):
    # "thanks for the 12 pings at 3am": sarcasm the n-grams cannot see, since the number and the
    # thank-you can be far apart.
    assert {"x thanks", "x thanks number"} <= _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "thanks a lot, but I'll stick with my own notebook",
        "merci beaucoup mais je vais garder mon agenda papier",
        "danke dir, aber ich brauche es wirklich nicht",
        "teşekkürler ama kullanmayacağım sanırım",
    ],
)
def test_a_thank_you_with_a_but_is_a_cue_of_its_own(text: str):
    assert {"x thanks", "x thanks but"} <= _cues(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("the planner is lovely, but page 3 is blank", "x thanks but"),  # no thank-you word
        ("thanks for the planner!", "x thanks number"),
        ("heel erg bedankt!", "x negation"),
    ],
)
def test_cues_are_only_there_when_their_words_are(text: str, absent: str):
    assert absent not in _cues(text)


def test_first_last_word_and_a_final_question_mark_are_cues():
    assert {"x first can", "x last ?", "x ends ?"} <= _cues("can I have the planner?")
    assert "x ends ?" not in _cues("can I have the planner, please")


def test_the_writers_files_are_trained_on_and_are_leave_one_writer_out_folds():
    assert set(WRITER_FILES) <= set(classifier_train.TRAINING_FILES)
    assert set(WRITER_FILES) <= set(classifier_loso.WRITER_SETS)
    for name in WRITER_FILES:
        rows = load_tsv(classifier_train.path_of(name))
        assert len(rows) >= 900  # each writer wrote 1,100+; r kept 974 once repeats of other sets were dropped
        assert {label for label, _, _ in rows} == {"thanks", "question", "request", "other"}


def test_a_fold_trains_on_no_row_of_the_held_out_set_nor_a_repeat_of_one():
    held = load_tsv(classifier_train.path_of("classifier_eval5.tsv"))
    held_keys = {classifier_loso.key(text) for _, _, text in held}
    sources = ["classifier_eval5.tsv", "classifier_train.tsv", "classifier_train.tsv", "tools/x.tsv"]
    texts = [held[0][2], held[0][2].upper() + "!!", "a message of its own", "another one"]
    assert classifier_loso.training_indices("classifier_eval5.tsv", held_keys, sources, texts) == [2, 3]


def test_leave_one_writer_out_refuses_the_judging_set_without_reading_it(monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(classifier_loso, "load_tsv", lambda path: opened.append(str(path)) or [])
    with pytest.raises(ValueError, match="classifier_eval6.tsv"):
        classifier_loso.run(sets=("classifier_eval6.tsv",))
    assert opened == []
    assert "classifier_eval6.tsv" not in classifier_loso.WRITER_SETS


def test_training_files_under_tools_resolve_to_the_tools_folder():
    assert classifier_train.path_of(WRITER_FILES[0]) == Path(classifier_train.REPO, WRITER_FILES[0])
    assert classifier_train.path_of("classifier_eval5.tsv").parent.name == "data"


# Round 7's writers, trained on (overall, lowest label), at the level measured when trained on: g 97.7%
# (request 95.0%), h 99.4% (99.1%), i 98.0% (other 96.5%), j 97.0% (request 94.5%), k 99.6% (98.9%). Lower
# than round 6's: the specific rules outweigh the model on some of their indirect asks.
WRITER_FLOORS = {
    "tools/classifier_written_round7_g.tsv": (0.97, 0.94),
    "tools/classifier_written_round7_h.tsv": (0.99, 0.98),
    "tools/classifier_written_round7_i.tsv": (0.97, 0.95),  # other 95.7% after round 8 (was 96.5%)
    "tools/classifier_written_round7_j.tsv": (0.96, 0.94),
    "tools/classifier_written_round7_k.tsv": (0.99, 0.98),
    # Round 8: s (mixed-language and emoji) 97.7% once trained on, question 96.3%; the others at 98.8% or more.
    "tools/classifier_written_round8_s.tsv": (0.97, 0.96),
}


@pytest.mark.parametrize("name", WRITER_FILES)
def test_the_writers_files_are_regression_guards_once_trained_on(name: str):
    # Scored once before they were trained on (tests/data/README.md); now trained on, so only a guard.
    overall, per_label = WRITER_FLOORS.get(name, (0.98, 0.97))  # round 6: d and e 98.8% and 98.9% trained on
    report = evaluate(load_tsv(classifier_train.path_of(name)))
    assert report.accuracy >= overall, f"{name}: {report.accuracy:.1%}"
    assert min(report.label_accuracy(label) for label in ("thanks", "question", "request", "other")) >= per_label


@pytest.mark.parametrize(
    "text",
    [
        "thanks a lot, but I'll stick with my own notebook",
        "danke dir, aber ich brauche es wirklich nicht",
        "teşekkürler ama kullanmayacağım sanırım",
        "grazie mille ma non mi serve, ho già il mio",
        "dank je, maar ik heb er al een",
    ],
)
def test_a_thank_you_that_turns_the_offer_down_is_other(text: str):
    got, reason = classify_with_reason(text)
    assert got is Label.OTHER, reason


@pytest.mark.parametrize(
    "text",
    [
        "bedankt voor de 14 berichten vannacht, echt gezellig",
        "dzięki za 11 wiadomości w nocy, super",
        "danke für die 5 Nachrichten um 3 Uhr nachts, wirklich toll",
    ],
)
def test_thanks_for_a_dozen_messages_at_night_is_sarcasm(text: str):
    got, reason = classify_with_reason(text)
    assert got is Label.OTHER, reason
