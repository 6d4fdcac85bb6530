"""A delivery that fails unexpectedly after the click was acknowledged.

The click is recorded and acknowledged ("thinking…"), then delivered in a task of its own
(``Deliverer._finish``): an error there has no interaction handler around it any more. The member
must still hear, privately and in their language, that something went wrong, with the code the log
holds; the delivery stays pending (not failed: nothing says it cannot be delivered) and the next
start delivers it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

from tests.e2e.stories import add_resource, attachment_bytes, execute, share, value


def make_file_unreadable(bot, sha256: str) -> Callable[[], None]:
    """The stored file can no longer be read, in a way the bot does not foresee (it handles a file
    that is gone, not one that fails): on disk a directory stands where the file was (EISDIR); in
    PostgreSQL the query for the bytes fails. Returns what undoes it."""
    if bot.database_url:
        execute(bot, "ALTER TABLE resource_files RENAME COLUMN data TO data_unreadable")
        return lambda: execute(bot, "ALTER TABLE resource_files RENAME COLUMN data_unreadable TO data")
    path = bot.data_dir / "files" / sha256[:2] / sha256
    aside = bot.data_dir / f"aside-{sha256}"
    path.rename(aside)
    path.mkdir()

    def undo() -> None:
        shutil.rmtree(path)
        aside.rename(path)

    return undo


async def test_an_unexpected_error_after_the_ack_is_told_with_a_code(standin, scene, bot_process) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    undo = make_file_unreadable(bot, value(bot, "SELECT file_sha256 FROM resources"))
    click = await standin.click(scene.member, post, "Get it")
    assert (await click.wait_callback(timeout=10)).type == 5  # acknowledged: "thinking…"

    told = await click.wait_followup(timeout=20)
    assert told.ephemeral and not told.attachments
    assert "Er ging bij ons iets mis" in told.content  # the member's language (nl), not a raw error
    code = re.search(r"`([0-9a-f]{6})`", told.content).group(1)
    assert f"Unexpected error [{code}] in delivery" in bot.log_text()  # the code leads to the traceback
    assert told.pings == [] and told.allowed_mentions["parse"] == []
    assert not standin.dms_to(scene.member)
    # Nothing says it cannot be delivered: it stays pending, for the next start.
    assert value(bot, "SELECT status FROM deliveries") == "pending"

    # The bot carries on: the creator's next command is answered.
    listed = await standin.slash(scene.creator, scene.general, "resource list")
    assert (await listed.response(timeout=10)).ephemeral

    undo()
    await bot.stop()
    await bot.start()
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=20)
    assert attachment_bytes(dm)
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
