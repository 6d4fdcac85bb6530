"""The "Get it" custom_id (``handout:get:<resource id>``) is a public interface: share posts made by
any earlier version, never seen by the running process, must keep delivering. Handout no longer
hands these clicks to discord.py's view store (tests/test_get_button.py); these posts are built
here exactly as the earlier code sent them, so nothing of the running bot's own sending helps."""

from __future__ import annotations

from tests.e2e.standin import messages as standin_messages
from tests.e2e.stories import PDF, add_resource, attachment_bytes, rows, value


def old_share_post(standin, channel, resource_id: int):
    """A share post as Handout posted it before (a DynamicItem button in one action row)."""
    button = {"type": 2, "style": 1, "label": "Get it", "custom_id": f"handout:get:{resource_id}"}
    data = {
        "content": "",
        "embeds": [{"title": "The weekly checklist"}],
        "components": [{"type": 1, "components": [button]}],
    }
    post = standin_messages.new_message(standin, channel, standin.world.bot, data, [])
    standin_messages.announce_create(standin, post)
    return post


async def test_an_old_share_post_still_delivers(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    resource_id = value(bot, "SELECT id FROM resources WHERE name = 'checklist'")
    post = old_share_post(standin, scene.general, resource_id)
    click = await standin.click(scene.member, post, "Get it")
    assert (await click.response(timeout=10)).ephemeral
    dm = await standin.wait_for_dm(scene.member, timeout=10)
    assert attachment_bytes(dm) == [PDF] and dm.pings == []
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    assert rows(bot, "SELECT member_id, requested_via, source_id FROM deliveries") == [
        (scene.member_user.id, "button", click.record.id)
    ]


async def test_an_old_post_of_a_resource_gone_says_so_privately(standin, scene, bot_process) -> None:
    # The error path of ReportsErrors: a clear private reply in the member's language (nl).
    bot = await bot_process()
    post = old_share_post(standin, scene.general, 987654)
    reply = await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    assert reply.ephemeral
    assert "bestaat niet meer" in reply.text, reply.text
    assert rows(bot, "SELECT id FROM deliveries") == []
