"""Which servers a member shares with the bot: seen pairs, brief negatives, the discovery allowance."""

from __future__ import annotations

from bot.core.membership import ABSENT_SECONDS, DISCOVERY_BURST, DISCOVERY_REFILL_SECONDS, MembershipService
from bot.core.stats import PrivacyService

GUILD, OTHER, MEMBER = 10, 20, 500


async def test_seen_pairs_survive_a_restart(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    service.seen(GUILD, MEMBER)
    service.seen(OTHER, MEMBER)
    service.seen(GUILD, MEMBER + 1)
    await service.flush()
    restarted = MembershipService(db, clock=clock)
    assert await restarted.known_guilds(MEMBER) == [GUILD, OTHER]
    assert await restarted.known_guilds(MEMBER + 1) == [GUILD]
    assert await restarted.known_guilds(MEMBER + 2) == []


async def test_not_a_member_forgets_the_pair_and_is_remembered_briefly(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    service.seen(GUILD, MEMBER)
    service.seen(OTHER, MEMBER)
    await service.flush()
    await service.not_member(GUILD, MEMBER)
    assert service.absent(GUILD, MEMBER)
    assert await service.known_guilds(MEMBER) == [OTHER]
    assert await MembershipService(db, clock=clock).known_guilds(MEMBER) == [OTHER]  # gone from the DB too
    clock.now += ABSENT_SECONDS + 1
    assert not service.absent(GUILD, MEMBER)


async def test_a_new_interaction_overrules_a_remembered_no(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    await service.not_member(GUILD, MEMBER)
    service.seen(GUILD, MEMBER)  # they joined again and clicked
    assert not service.absent(GUILD, MEMBER)
    assert await service.known_guilds(MEMBER) == [GUILD]


async def test_a_no_that_is_not_yet_flushed_is_not_written_back(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    service.seen(GUILD, MEMBER)
    await service.not_member(GUILD, MEMBER)
    await service.flush()
    assert await MembershipService(db, clock=clock).known_guilds(MEMBER) == []


async def test_strangers_share_one_small_allowance(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    servers = list(range(1, 41))
    first = service.plan_discovery(1001, servers)
    assert first.check == servers[:DISCOVERY_BURST] and not first.complete
    # Everyone after that waits for the allowance to refill: nothing is looked up.
    for stranger in range(1002, 1011):
        plan = service.plan_discovery(stranger, servers)
        assert plan.check == [] and not plan.complete
    clock.now += 2 * DISCOVERY_REFILL_SECONDS
    assert len(service.plan_discovery(1002, servers).check) == 2


async def test_discovery_skips_servers_that_said_no(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    for guild in (1, 2):
        await service.not_member(guild, MEMBER)
    plan = service.plan_discovery(MEMBER, [1, 2, 3])
    assert plan.check == [3] and plan.complete
    assert service.plan_discovery(MEMBER, [1, 2]).check == []
    assert service.plan_discovery(MEMBER, [1, 2]).complete  # nothing left to check


async def test_someone_discord_will_not_let_us_answer_costs_nothing_for_a_while(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    service.unreachable(MEMBER)
    assert service.is_unreachable(MEMBER)
    plan = service.plan_discovery(MEMBER, [1, 2, 3])
    assert plan.check == [] and plan.complete
    clock.now += ABSENT_SECONDS + 1
    assert not service.is_unreachable(MEMBER)
    service.unreachable(MEMBER)
    service.seen(GUILD, MEMBER)  # an interaction in a server: reachable again
    assert not service.is_unreachable(MEMBER)


async def test_delete_my_data_removes_the_pairs(db, clock) -> None:
    service = MembershipService(db, clock=clock)
    service.seen(GUILD, MEMBER)
    service.seen(GUILD, MEMBER + 1)
    await service.flush()
    await PrivacyService(db).delete(MEMBER)
    service.forget(MEMBER)
    assert await service.known_guilds(MEMBER) == []
    assert await service.known_guilds(MEMBER + 1) == [GUILD]
