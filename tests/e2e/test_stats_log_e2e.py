"""Issue 13, items 4 and 5: /thanks stats at a glance (a chart, breakdowns a click away), and
/resource log, which tells a creator why a member did or did not get a resource."""

from __future__ import annotations

import io
import json

from PIL import Image

from bot.core.chart import FIGURES_KEY, HEIGHT, WIDTH, week_label
from tests.e2e.standin import interactions as I
from tests.e2e.stories import add_resource, rows, share, value
from tests.e2e.test_thanks_e2e import delivered, prompt_for


async def test_stats_chart_is_a_png_whose_numbers_match_the_text(standin, scene, bot_process) -> None:
    await delivered(standin, scene, bot_process)
    await standin.send_dm(scene.member, "thanks a lot!")
    prompt = await prompt_for(standin, scene)
    await (await standin.click(scene.creator, prompt, "I replied myself")).response(timeout=10)

    stats = await (await standin.slash(scene.creator, scene.general, "thanks stats", days=30)).response(timeout=10)
    assert stats.ephemeral
    assert "Deliveries: **1** to **1** member(s)" in stats.text  # the numbers stay as text
    assert "Thanks received: **1**" in stats.text and "Answered by a human: **100%**" in stats.text
    [chart] = stats.attachments
    assert chart.filename == "handout-stats.png" and chart.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert stats.embeds[0]["image"]["url"] == "attachment://handout-stats.png"
    image = Image.open(io.BytesIO(chart.data))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    weeks = json.loads(image.text[FIGURES_KEY])  # what was drawn, week by week
    assert 4 <= len(weeks) <= 6  # 30 days of weeks, quiet ones included
    assert [sum(week[i] for week in weeks) for i in (1, 2, 3)] == [1, 1, 1]
    this_week = weeks[-1]
    # Alt text for screen readers, with the same numbers.
    assert f"{week_label(this_week[0])}: 1/1/1" in chart.description

    people = await (await standin.click(scene.creator, stats, "Who answered")).response(timeout=10)
    assert people.ephemeral and f"<@{scene.creator_user.id}>: **1** answered" in people.text
    per_resource = await (await standin.click(scene.creator, stats, "Per resource")).response(timeout=10)
    assert per_resource.ephemeral and "The weekly checklist (checklist)" in per_resource.text
    assert "Deliveries: **1** to **1** member(s)" in per_resource.text
    # The reply is Maya's alone to see; a client that sends the press anyway is refused.
    button = next(b for b in stats.buttons if b["label"] == "Who answered")
    data = {"custom_id": button["custom_id"], "component_type": 2, "id": button.get("id")}
    message, channel = standin._channel_of(stats)
    forged = I.new_record(standin, 3, scene.member, channel, data, message=message)
    refused = await (await standin._dispatch(forged, 5.0)).response(timeout=10)
    assert refused.ephemeral and refused.text == "Dat mag je hier niet doen." and "<@" not in refused.text
    assert not standin.unknown_routes


async def test_resource_log_tells_a_closed_dm_fallback_and_a_failure_in_plain_words(
    standin, scene, bot_process
) -> None:
    bot = await bot_process()
    await add_resource(standin, scene)
    post = await share(standin, scene)
    # Alice's DMs are closed: she gets it privately in the channel instead.
    standin.world.set_dms_closed(scene.member)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    await standin.wait_until(lambda: value(bot, "SELECT delivered_via FROM deliveries") == "fallback", 10)
    # Maya's DM meets a Discord outage that outlasts every retry.
    standin.faults.add(method="POST", path=r"^/channels/\d+/messages$", status=503, times=None)
    await (await standin.click(scene.creator, post, "Get it")).response(timeout=20)
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM deliveries WHERE status = 'failed'"), 20)
    standin.faults.clear()
    assert rows(bot, "SELECT failure FROM deliveries WHERE status = 'failed'") == [
        ("Discord unavailable (503) after 4 attempts",)
    ]

    log = await (await standin.slash(scene.creator, scene.general, "resource log", name="checklist")).response(
        timeout=10
    )
    assert log.ephemeral and "Last deliveries of The weekly checklist (2)" in log.text
    newest, oldest = log.embeds[0]["description"].split("\n")
    assert f"<@{scene.creator_user.id}>" in newest and "❌ not delivered" in newest
    assert "Discord was not answering (tried 4 times)" in newest
    assert f"<@{scene.member_user.id}>" in oldest and "because their DMs are closed" in oldest
    assert "503" not in log.text and "attempts" not in log.text  # plain words, not the raw row

    # Another server never sees this one's resources.
    elsewhere = await (await standin.slash(scene.outsider, scene.general2, "resource log", name="checklist")).response(
        timeout=10
    )
    assert elsewhere.ephemeral and "Last deliveries" not in elsewhere.text
