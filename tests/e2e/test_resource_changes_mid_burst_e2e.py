"""A creator replaces or removes a resource while a burst of clicks is still being delivered.

Every member who clicked while it was offered gets the file they asked for (the version current
when they clicked), never "Something went wrong"; the old file leaves the store only once the
last delivery that needs it is done.
"""

from __future__ import annotations

import asyncio
import hashlib

from tests.e2e import stories
from tests.e2e.stories import PDF, add_resource, share

BURST = 60
V2 = b"%PDF-1.4\n% the weekly checklist, version 2\n" + bytes(range(255, -1, -1)) * 40


def crowd(standin, n: int = BURST) -> list:
    """Members who join before the bot starts, so it knows them from GUILD_CREATE."""
    world = standin.world
    guild = standin.scene.guild
    return [world.add_member(guild, world.add_user(f"reader{i}", locale="en-US")) for i in range(n)]


def stored_files(bot) -> set[str]:
    return set(stories.stored_files(bot))


async def click_all(standin, members: list, post) -> list:
    """Everyone clicks at once; returns once every click was acknowledged (so recorded, with the
    file it asked for) and the deliveries are queued behind Discord's rate limit."""
    clicks = await asyncio.gather(*(standin.click(m, post, "Get it", timeout=30) for m in members))
    await asyncio.gather(*(c.wait_callback(timeout=30) for c in clicks))
    return clicks


async def every_member_got(standin, members: list, clicks: list, expected: bytes) -> None:
    confirmations = [await c.response(timeout=60) for c in clicks]
    assert all(r.ephemeral for r in confirmations)
    assert [r.content for r in confirmations if "went wrong" in (r.content or "")] == []
    dms = [await standin.wait_for_dm(m, timeout=30) for m in members]
    got = [dm.attachments[0].data if dm.attachments else None for dm in dms]
    wrong = [(m.user.username, d and hashlib.sha256(d).hexdigest()[:8]) for m, d in zip(members, got, strict=True)]
    assert all(data == expected for data in got), [w for w, d in zip(wrong, got, strict=True) if d != expected]


async def test_file_replaced_mid_burst_every_member_gets_the_version_they_asked_for(
    standin, scene, bot_process
) -> None:
    members = crowd(standin)
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    old_file = hashlib.sha256(PDF).hexdigest()
    clicks = await click_all(standin, members, post)

    edit = await standin.slash(
        scene.creator, scene.general, "resource edit", name="checklist", file=("checklist-v2.pdf", V2)
    )
    assert "Updated" in (await edit.response(timeout=30)).content

    await every_member_got(standin, members, clicks, PDF)
    # The old version left the store with the last delivery that needed it, not before.
    new_file = hashlib.sha256(V2).hexdigest()
    await standin.wait_until(lambda: stored_files(bot) == {new_file}, 30, "only the new file stored")
    assert old_file not in stored_files(bot)
    # Whoever clicks now gets the new version.
    await (await standin.click(scene.member, post, "Get it")).response(timeout=30)
    dm = await standin.wait_for_dm(scene.member, timeout=30)
    assert dm.attachments[0].data == V2 and dm.attachments[0].filename == "checklist-v2.pdf"


async def test_resource_removed_mid_burst_acknowledged_requests_still_get_it(standin, scene, bot_process) -> None:
    members = crowd(standin)
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    clicks = await click_all(standin, members, post)

    ask = await (await standin.slash(scene.creator, scene.general, "resource remove", name="checklist")).response()
    done = await (await standin.click(scene.creator, ask, "Remove")).response(timeout=30)
    assert "Removed" in done.content

    await every_member_got(standin, members, clicks, PDF)
    await standin.wait_until(lambda: not stored_files(bot), 30, "the removed resource's file deleted")
    # A click after the removal gets a clear, private, translated answer (the member's locale is nl).
    late = await (await standin.click(scene.member, post, "Get it")).response(timeout=30)
    assert late.ephemeral and "wordt niet meer aangeboden" in late.content
