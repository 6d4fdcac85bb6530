from __future__ import annotations

import pytest

from tests.e2e.standin.fixtures import bot_process, scene, standin, standin_factory, tinybot, tinybot_dir  # noqa: F401


@pytest.fixture(autouse=True)
def no_unknown_routes(request: pytest.FixtureRequest):
    """Every route the bot called must be one Discord has (the stand-in answers others 404)."""
    uses_bot = "standin" in request.fixturenames and "bot_process" in request.fixturenames
    discord = request.getfixturevalue("standin") if uses_bot else None
    yield
    if discord is not None:
        assert discord.unknown_routes == []
