"""Tests for bot.core.also_sent: what a DM carried besides its words."""

from __future__ import annotations

import pytest

from bot.core.also_sent import AlsoSent


def test_names_are_kept_one_line_short_and_few():
    sent = AlsoSent.of(["Thank\nYou", "  ", "x" * 300], [f"f{i}.png" for i in range(25)])
    assert sent.stickers == ("Thank You", "x" * 100)
    assert sent.files == tuple(f"f{i}.png" for i in range(10))


def test_round_trip_and_nothing_is_none():
    sent = AlsoSent.of(["Wave"], ["werkblad ingevuld.pdf"])
    assert AlsoSent.from_json(sent.to_json()) == sent
    assert AlsoSent.of([], []).to_json() is None
    assert not AlsoSent.from_json(None)


@pytest.mark.parametrize("raw", ["", "not json", "[1, 2]", '{"stickers": [1, {"a": 2}], "files": "x.png"}'])
def test_anything_else_stored_reads_as_nothing(raw: str):
    assert AlsoSent.from_json(raw) == AlsoSent()


def test_the_classifier_reads_a_stickers_name():
    assert AlsoSent.of(["Thank You", "Heart"], ["a.png"]).words() == "Thank You\nHeart"
