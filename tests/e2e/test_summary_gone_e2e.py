"""A summary counts the messages still waiting for the creator. Messages can stop waiting without
an answer: they expire ("no answer given" after the server's expire_days), or their member presses
"Delete my data". The summary counts down for those too, at its next edit, as it does for answers
(test_summary_answered_e2e.py)."""

from __future__ import annotations

from tests.e2e.stories import execute, rows, value
from tests.e2e.test_delete_my_data_e2e import delete_my_data
from tests.e2e.test_inbox_scale_e2e import until
from tests.e2e.test_summary_answered_e2e import BUTTON, SUMMARISED_WAITING, summarised_burst

SUMMARISED = (
    "SELECT m.id, m.member_id FROM member_messages m JOIN prompts p ON p.id = m.prompt_id"
    " WHERE p.status = 'summarised' AND m.status = 'waiting' ORDER BY m.id"
)


def summarised_rows(bot) -> list[tuple[int, int]]:
    """(message id, member id) of the waiting messages the summary counts."""
    return [tuple(row) for row in rows(bot, SUMMARISED)]


async def test_the_summary_counts_down_when_messages_expire(standin, scene, bot_process) -> None:
    bot, _, summary, counted = await summarised_burst(standin, scene, bot_process)
    [(oldest, _), *_] = summarised_rows(bot)  # it waited past the default expire_days (30)
    execute(bot, "UPDATE member_messages SET received_at = received_at - 31 * 86400 WHERE id = ?", oldest)
    await bot.restart()  # the worker looks for expired messages at once after a start (else within a minute)
    await until(lambda: value(bot, SUMMARISED_WAITING) == counted - 1, 30, "one expired")
    await standin.wait_until(
        lambda: f"{counted - 1} new thank-you(s)" in standin.world.messages[summary.id].text, 30, "counted down"
    )
    assert [m.id for m in standin.dms_to(scene.creator) if m.has_button(BUTTON)] == [summary.id]
    assert "Thanks worker pass failed" not in bot.log_text()


async def test_the_summary_counts_down_when_a_member_deletes_their_data(standin, scene, bot_process) -> None:
    bot, fans, summary, counted = await summarised_burst(standin, scene, bot_process)
    [(_, member_id), *_] = summarised_rows(bot)
    [fan] = [f for f in fans if f.id == member_id]
    gone = await delete_my_data(standin, fan, scene.general)
    assert "for good" in gone.text
    assert value(bot, SUMMARISED_WAITING) == counted - 1
    await standin.wait_until(
        lambda: f"{counted - 1} new thank-you(s)" in standin.world.messages[summary.id].text, 30, "counted down"
    )
    assert [m.id for m in standin.dms_to(scene.creator) if m.has_button(BUTTON)] == [summary.id]
    assert "Thanks worker pass failed" not in bot.log_text()
