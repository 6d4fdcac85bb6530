"""The text of a form is read from the submit alone, in either shape Discord sends it back."""

from __future__ import annotations

from bot.cogs.thanks.forms import FORM_ID, submitted_text


def test_text_from_an_action_row() -> None:
    data = {"components": [{"type": 1, "id": 1, "components": [{"type": 4, "custom_id": "text", "value": "hi"}]}]}
    assert submitted_text(data) == "hi"


def test_text_from_a_label() -> None:
    data = {"components": [{"type": 18, "id": 1, "component": {"type": 4, "custom_id": "text", "value": "hoi"}}]}
    assert submitted_text(data) == "hoi"


def test_no_text_field_is_empty_text() -> None:
    assert submitted_text({"components": [{"type": 10, "id": 1}]}) == ""
    assert submitted_text({}) == ""


def test_only_handout_forms_match() -> None:
    assert FORM_ID.match("handout:say-modal:12").groups() == ("handout:say-modal", "12")  # type: ignore[union-attr]
    assert FORM_ID.match("handout:reply-modal:7").groups() == ("handout:reply-modal", "7")  # type: ignore[union-attr]
    assert FORM_ID.match("handout:say:12") is None
    assert FORM_ID.match("other:say-modal:12") is None
    assert FORM_ID.match("handout:reply-modal:7x") is None
