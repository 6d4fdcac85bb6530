"""Routing a member's DM to the right creator: the pure function by table, then the service
against real SQLite (record, ask, choose)."""

from __future__ import annotations

import pytest

from bot.core.classifier import Label
from bot.core.deliveries import DeliveredVia, DeliveryService, RequestedVia
from bot.core.errors import Conflict, Forbidden, NotFound
from bot.core.resources import Actor, ResourceService
from bot.core.routing import MAX_CHOICES, RouteCandidate, route
from bot.core.stats import PrivacyService
from bot.core.thanks import ThanksService
from bot.db.database import Database
from tests.conftest import Clock

CREATORS, SECOND = 1, 2  # guilds
MAYA, CORA, BRAM = 10, 20, 30  # creators

WEEKLY = RouteCandidate(101, 1, CREATORS, MAYA, "weekly-checklist", "The weekly checklist", "Maya")
LAUNCH = RouteCandidate(102, 2, SECOND, CORA, "launch", "The launch checklist", "Cora")
PLANNER = RouteCandidate(103, 3, SECOND, CORA, "planner", "Content planner", "Cora")
WORKBOOK = RouteCandidate(104, 4, CREATORS, BRAM, "werkboek", "Het werkboek", "Bram de Vries")
MAYA_THERE = RouteCandidate(105, 5, SECOND, MAYA, "budget", "Budget template", "Maya")
NAMELESS = RouteCandidate(106, 6, SECOND, CORA, "launch", "The launch checklist", None)

# (what the member writes, their deliveries newest first, the delivery routed to or the choices asked)
CASES = [
    # one server, one creator: routed as before, even when the message names nothing
    ("thank you so much!", [WEEKLY], 101),
    ("dankjewel!", [PLANNER, LAUNCH], 103),
    ("thanks for the launch checklist", [PLANNER, LAUNCH], 102),  # the named one, not the newest
    # a creator by name, in English and Dutch, any case, accents and possessive
    ("thank you Cora, this is exactly what I needed", [WEEKLY, LAUNCH], 102),
    ("bedankt CORA!", [WEEKLY, LAUNCH], 102),
    ("Córa's checklist is great", [WEEKLY, LAUNCH], 102),
    ("thanks Maya", [LAUNCH, WEEKLY], 101),
    ("dank je wel Bram, echt top", [WEEKLY, WORKBOOK], 104),
    ("thank you mr de vries", [WEEKLY, WORKBOOK], 104),
    # a resource by title or name, in English and Dutch
    ("thank you Cora, the launch checklist is exactly what I needed", [WEEKLY, LAUNCH], 102),
    ("the launch checklist is exactly what I needed", [WEEKLY, LAUNCH], 102),
    ("bedankt, de launch checklist is precies wat ik nodig had", [WEEKLY, LAUNCH], 102),
    ("super dat werkboekje, dank!", [LAUNCH, WORKBOOK], 104),
    ("thanks for the weekly checklist", [LAUNCH, WEEKLY], 101),
    # a creator with two resources in one server: the name leaves one (server, owner): routed
    ("thanks Cora!", [WEEKLY, PLANNER, LAUNCH], 103),
    ("thanks Cora, love the planner", [LAUNCH, WEEKLY, PLANNER], 103),
    # nothing decisive across servers or creators: ask, newest first
    ("thank you so much!", [WEEKLY, LAUNCH], (101, 102)),
    ("heel erg bedankt!", [LAUNCH, WEEKLY], (102, 101)),
    ("thanks for the checklist", [WEEKLY, PLANNER, LAUNCH], (101, 102)),  # two checklists tie
    ("thank you Maya", [WEEKLY, MAYA_THERE], (101, 105)),  # one creator, two servers: still asked
    ("thanks Cora for the weekly checklist", [WEEKLY, LAUNCH], (101, 102)),  # they disagree
    ("thanks Cora", [WEEKLY, NAMELESS], (101, 106)),  # her name unknown: nothing to go on
    ("thanks Corazon", [WEEKLY, LAUNCH], (101, 102)),  # not her name
]


@pytest.mark.parametrize(("text", "candidates", "expected"), CASES, ids=[c[0] for c in CASES])
def test_route(text: str, candidates: list[RouteCandidate], expected: int | tuple[int, ...]) -> None:
    routing = route(text, candidates)
    if isinstance(expected, int):
        assert routing.target is not None and routing.target.delivery_id == expected
        assert routing.choices == ()
    else:
        assert routing.target is None
        assert tuple(c.delivery_id for c in routing.choices) == expected


def test_no_deliveries_no_route() -> None:
    assert route("thank you Cora", []) == route("", [])
    assert route("thank you Cora", []).target is None and not route("thank you Cora", []).ambiguous


def test_at_most_five_choices_newest_first() -> None:
    many = [RouteCandidate(200 + i, 300 + i, 1000 + i, 50 + i, f"r{i}", f"Guide {i}", None) for i in range(8)]
    routing = route("thanks!", many)
    assert [c.delivery_id for c in routing.choices] == [200, 201, 202, 203, 204][:MAX_CHOICES]


# -- the service, against real SQLite --


@pytest.fixture
def thanks(db: Database, clock: Clock) -> ThanksService:
    return ThanksService(db, clock=clock)


@pytest.fixture
def deliveries(db: Database, clock: Clock) -> DeliveryService:
    return DeliveryService(db, clock=clock)


ALICE, BOB = 2001, 2002


async def deliver(resources: ResourceService, deliveries: DeliveryService, clock: Clock, guild, owner, name, title):
    resource = await resources.add(guild, Actor(owner), name=name, title=title, url="https://e.com")
    clock.now += 60
    pending = await deliveries.request(resource, ALICE, RequestedVia.BUTTON, source_id=int(clock.now))
    return await deliveries.mark_delivered(pending.id, DeliveredVia.DM, channel_id=5, message_id=1)


async def two_creators(resources, deliveries, clock):
    launch = await deliver(resources, deliveries, clock, SECOND, CORA, "launch", "The launch checklist")
    weekly = await deliver(resources, deliveries, clock, CREATORS, MAYA, "checklist", "The weekly checklist")
    return launch, weekly


async def dm(thanks: ThanksService, text: str, source: int, names=None):
    return await thanks.record_routed(
        member_id=ALICE,
        source_id=source,
        text=text,
        label=Label.THANKS,
        via="dm",
        locale="en-US",
        creator_names=names,
    )


async def test_names_are_needed_only_across_servers_or_creators(resources, deliveries, thanks, clock) -> None:
    await deliver(resources, deliveries, clock, CREATORS, MAYA, "checklist", "The weekly checklist")
    assert await thanks.owners_to_name(ALICE) == []
    await deliver(resources, deliveries, clock, SECOND, CORA, "launch", "The launch checklist")
    assert await thanks.owners_to_name(ALICE) == [MAYA, CORA]
    assert await thanks.owners_to_name(BOB) == []


async def test_named_creator_gets_it_not_the_latest(resources, deliveries, thanks, clock) -> None:
    launch, _ = await two_creators(resources, deliveries, clock)
    message, choices = await dm(thanks, "thank you Cora!", 500, {MAYA: "Maya", CORA: "Cora"})
    assert choices == ()
    assert (message.status, message.owner_id, message.guild_id, message.delivery_id) == (
        "waiting",
        CORA,
        SECOND,
        launch.id,
    )
    assert [m.owner_id for _, _, m in await thanks.due_prompts()] == [CORA]


async def test_ambiguous_waits_for_the_members_choice(resources, deliveries, thanks, db) -> None:
    launch, weekly = await two_creators(resources, deliveries, thanks._clock)
    message, choices = await dm(thanks, "thank you so much!", 500, {MAYA: "Maya", CORA: "Cora"})
    assert [c.delivery_id for c in choices] == [weekly.id, launch.id]
    assert (message.status, message.owner_id, message.guild_id) == ("unrouted", None, None)
    assert await thanks.due_prompts() == []  # no creator sees it yet
    with pytest.raises(Forbidden):
        await thanks.choose(message.id, BOB, launch.id)
    with pytest.raises(NotFound):
        await thanks.choose(message.id, ALICE, 999_999)
    chosen = await thanks.choose(message.id, ALICE, launch.id)
    assert (chosen.status, chosen.owner_id, chosen.guild_id, chosen.delivery_id) == (
        "waiting",
        CORA,
        SECOND,
        launch.id,
    )
    assert [m.id for _, _, m in await thanks.due_prompts()] == [message.id]
    with pytest.raises(Conflict):
        await thanks.choose(message.id, ALICE, weekly.id)
    assert (await thanks.get(message.id)).owner_id == CORA
    assert len(await thanks.due_prompts()) == 1


async def test_an_ambiguous_request_is_not_asked_about(resources, deliveries, thanks) -> None:
    launch, _ = await two_creators(resources, deliveries, thanks._clock)
    recorded = await thanks.record_routed(
        member_id=ALICE, source_id=9, text="can I get the guide?", label=Label.REQUEST, via="dm", locale=None
    )
    message, choices = recorded
    assert choices == () and (message.status, message.owner_id) == ("unrouted", None)
    with pytest.raises(Conflict):
        await thanks.choose(message.id, ALICE, launch.id)


async def test_deleting_my_data_removes_a_pending_choice(resources, deliveries, thanks, db) -> None:
    await two_creators(resources, deliveries, thanks._clock)
    await dm(thanks, "thanks!", 500)
    assert await db.fetchval("SELECT COUNT(*) FROM route_choices") == 1
    await PrivacyService(db).delete(ALICE)
    assert await db.fetchval("SELECT COUNT(*) FROM route_choices") == 0
