"""User stories for what the bot sends: members' words never pass for the bot's own, and no prompt
Discord refuses holds back the others (issue 11, items 3 and 6)."""

from __future__ import annotations

from tests.e2e.stories import add_resource, execute, fans, rows, share, value

EVIL = "[Handout: verify your payout](https://evil.example/x) <@&123> @everyone **bold** thank you so much!"
EVIL_NAME = "[Handout](https://evil.example)"
POINTER = "(shortened: /thanks pending has the whole message)"
MESSAGES = "/channels/{channel_id}/messages"


async def delivered(standin, scene, bot_process, **resource_options):
    bot = await bot_process()
    await add_resource(standin, scene, **resource_options)
    post = await share(standin, scene)
    await (await standin.click(scene.member, post, "Get it")).response(timeout=10)
    dm = await standin.wait_for_dm(scene.member, lambda m: bool(m.attachments), timeout=10)
    await standin.wait_until(lambda: value(bot, "SELECT status FROM deliveries") == "delivered", 10)
    return bot, dm


def prompts_to_creator(standin, scene) -> list[dict]:
    """Every prompt embed the creator has received so far, in order."""
    return [e for m in standin.dms_to(scene.creator) if m.has_button("Reply personally") for e in m.embeds]


def assert_inert(message, scene) -> None:
    """No masked link and no mention the member typed is live; the bot's own mentions of the member
    and creator are all that render as mentions, and nobody is pinged."""
    message = getattr(message, "message", None) or message  # an interaction's reply: its message
    assert message.live_masked_links == [], message.text
    own = {f"<@{scene.member_user.id}>", f"<@{scene.creator_user.id}>"}
    assert set(message.live_mentions) <= own, message.live_mentions
    assert not message.pings and not message.mention_everyone and not message.mention_roles


async def test_a_members_words_and_name_cannot_pass_for_the_bot(standin, scene, bot_process) -> None:
    scene.member_user.global_name = EVIL_NAME  # the name Alice's DMs arrive with
    _, dm = await delivered(standin, scene, bot_process, note="[Handout: claim your bonus](https://evil.example/b)")
    assert_inert(dm, scene)  # the creator's note inside the bot's delivery message
    await standin.send_dm(scene.member, EVIL)
    prompt = await standin.wait_for_dm(scene.creator, lambda m: m.has_button("Reply personally"), timeout=10)
    assert_inert(prompt, scene)
    assert "verify your payout" in prompt.text and "evil.example" in prompt.text  # shown, as text
    assert EVIL_NAME in prompt.text.replace("\\", "")  # the name too, its escapes aside

    page = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "verify your payout" in page.text
    assert_inert(page, scene)


async def test_long_thanks_at_once_all_reach_the_creator_shortened(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    long_texts = [f"LONG{i} " + "thank you so much for this! " * 142 for i in range(3)]
    assert all(len(t) > 3900 for t in long_texts)  # a Nitro member's DM may hold 4,000 characters
    # From five members (one member's burst is gathered into one prompt: test_inbox_scale_e2e.py).
    writers = fans(standin, scene, bot, 5)
    # The creator's first prompt is slow to post, so the others queue meanwhile and go out packed
    # together, as in a real burst (each in a message of its own would pass the destination's
    # pace of 3 prompt messages a minute, and the rest would be counted in a summary instead).
    creator_dm = standin.world.dm_channel(scene.creator)
    standin.faults.add(method="POST", path=rf"^/channels/{creator_dm.id}/messages$", status=200, delay=2.0)
    texts = (long_texts[0], "thanks, short one", long_texts[1], long_texts[2], "thx again")
    for writer, text in zip(writers, texts, strict=True):
        await standin.send_dm(writer, text)
    await standin.wait_until(lambda: len(prompts_to_creator(standin, scene)) == 5, 30)
    descriptions = [e["description"] for e in prompts_to_creator(standin, scene)]
    long_ones = [d for d in descriptions if d.startswith("LONG")]
    assert len(long_ones) == 3 and all(d.endswith(POINTER) and len(d) <= 1000 for d in long_ones)
    assert "thanks, short one" in descriptions and "thx again" in descriptions
    assert not [r for r in standin.requests_to("POST", MESSAGES) if r.status == 400]
    await standin.wait_until(lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status = 'sent'") == 5, 10)

    # The pointer holds: /thanks pending carries the whole message, as written.
    page = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    attached = {a.filename: a.data.decode() for a in page.attachments}
    # Four of the five are on the first page (messages of the same second in any order): at least
    # two long ones, each attached whole.
    assert len([t for t in long_texts if t in attached.values()]) >= 2


async def test_a_prompt_discord_refuses_is_set_aside_and_the_others_arrive(standin, scene, bot_process) -> None:
    bot, _ = await delivered(standin, scene, bot_process)
    refusal = standin.faults.add(
        method="POST",
        path=r"^/channels/\d+/messages$",
        status=400,
        code=50035,
        message="Invalid Form Body",
        when_body="REFUSE-ME",
        times=None,  # Discord refuses this content every time
    )
    writers = fans(standin, scene, bot, 4)  # one prompt each (a member's burst would be one prompt)
    for writer, text in zip(writers[:3], ("thanks, first", "thanks REFUSE-ME", "thanks, third"), strict=True):
        await standin.send_dm(writer, text)
    await standin.wait_until(
        lambda: value(bot, "SELECT COUNT(*) FROM prompts WHERE status IN ('sent', 'refused')") == 3, 30
    )
    descriptions = [e["description"] for e in prompts_to_creator(standin, scene)]
    assert "thanks, first" in descriptions and "thanks, third" in descriptions
    [(status, error, content)] = rows(
        bot,
        "SELECT p.status, p.last_error, m.content FROM prompts p JOIN member_messages m ON m.id = p.member_message_id"
        " WHERE p.status != 'sent'",
    )
    assert (status, content) == ("refused", "thanks REFUSE-ME") and "50035" in error

    # Set aside for good: the worker's next passes send new prompts but never the refused one again.
    hits = len(refusal.hits)
    await standin.send_dm(writers[3], "thanks, one more")
    await standin.wait_until(lambda: "thanks, one more" in str(prompts_to_creator(standin, scene)), 20)
    assert len(refusal.hits) == hits
    # Still waiting for the creator, who finds it in /thanks pending.
    page = await (await standin.slash(scene.creator, scene.general, "thanks pending")).response(timeout=10)
    assert "REFUSE-ME" in page.text


async def test_a_long_library_is_listed_in_full_within_discords_limits(standin, scene, bot_process) -> None:
    await bot_process()
    for i in range(12):  # about 700 characters a line: past 6,000 in one message
        url = f"https://example.com/{i:02d}/" + "x" * 480
        await add_resource(standin, scene, name=f"res-{i:02d}", title=f"Resource {i:02d} " + "t" * 80, url=url)
    inter = await standin.slash(scene.creator, scene.general, "resource list")
    first = await inter.response(timeout=10)
    await standin.wait_until(lambda: "res-11" in first.text + " ".join(m.text for m in inter.followups), 10)
    listed = [first.message, *inter.followups]
    assert all(m.ephemeral and sum(len(e.get("description") or "") for e in m.embeds) <= 6000 for m in listed)
    assert all(f"res-{i:02d}" in " ".join(m.text for m in listed) for i in range(12))
    assert not [r for r in standin.requests if r.status == 400]


async def test_stats_for_many_resources_fit_discords_limits(standin, scene, bot_process) -> None:
    bot = await bot_process()
    count = 24  # a field of about 300 characters each: past 6,000 in one message
    for i in range(count):
        title = f"Resource {i:02d} " + "t" * 85
        await add_resource(standin, scene, name=f"res-{i:02d}", title=title, url=f"https://example.com/{i}")
    # One delivery each, written as the bot records them (members may ask only 5 times a minute).
    execute(
        bot,
        "INSERT INTO deliveries (resource_id, guild_id, member_id, requested_via, delivered_via, status,"
        " source_id, requested_at, delivered_at)"
        " SELECT id, guild_id, ?, 'slash', 'dm', 'delivered', 1000 + id, 1, 1 FROM resources",
        scene.member_user.id,
    )
    inter = await standin.slash(scene.creator, scene.general, "thanks stats")
    first = await inter.response(timeout=10)
    shown = lambda: [first.message, *inter.followups]  # noqa: E731
    await standin.wait_until(lambda: "(res-23)" in " ".join(m.text for m in shown()), 10)
    assert all(f"(res-{i:02d})" in " ".join(m.text for m in shown()) for i in range(count))
    assert all(m.ephemeral for m in shown())
    assert not [r for r in standin.requests if r.status == 400]


async def test_a_request_matching_nothing_lists_a_long_library_within_limits(standin, scene, bot_process) -> None:
    await bot_process()
    for i in range(25):  # 25 lines of about 120 characters: past the 2,000 of a message's content
        await add_resource(
            standin, scene, name=f"res-{i:02d}", title=f"**Resource** {i:02d} " + "t" * 80, url="https://e.com"
        )
    asked = await standin.send_dm(scene.member, "can you send me the spaceship manual?")
    answer = await standin.wait_for_dm(scene.member, timeout=10, after=asked)
    assert len(answer.content) <= 2000 and "more" in answer.content
    assert "Resource\\*\\* 00" in answer.content  # a creator's title is shown as text, not as markup
    assert len(answer.buttons) == 25  # every offer still has its button
    assert not [r for r in standin.requests if r.status == 400]
