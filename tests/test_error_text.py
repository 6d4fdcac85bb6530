"""``explain``: the one place that turns an error into what a member is told (bot/cogs/errors.py)."""

from __future__ import annotations

import logging
import re

from bot.cogs.errors import explain
from bot.core.errors import NotFound


def test_a_domain_error_is_told_in_its_own_words_and_not_logged(caplog) -> None:
    with caplog.at_level(logging.ERROR):
        text = explain("nl", NotFound("error.resource_not_found", name="checklist"), "get")
    assert "checklist" in text and "code" not in text
    assert not caplog.records


def test_anything_else_is_logged_with_the_code_the_member_is_told(caplog) -> None:
    error = OSError("disk on fire")
    with caplog.at_level(logging.ERROR):
        text = explain("en", error, "delivery 7")
    code = re.search(r"`([0-9a-f]{6})`", text).group(1)
    [record] = caplog.records
    assert record.getMessage() == f"Unexpected error [{code}] in delivery 7"
    assert record.exc_info[1] is error  # the traceback goes to the log, not to the member
    assert "disk on fire" not in text
