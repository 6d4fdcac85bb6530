from __future__ import annotations

import pytest

from tests.e2e.rerun_report import pytest_terminal_summary  # noqa: F401
from tests.e2e.standin.fixtures import bot_process, scene, standin, standin_factory, tinybot, tinybot_dir  # noqa: F401


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # End-to-end stories run a real bot process, the stand-in and (in CI) PostgreSQL on two shared
    # cores, with waits bounded by timeouts: under load one may time out once. A story that fails
    # is run once more, and the rerun is reported ("R" and "N rerun" in pytest's summary, and its
    # first failure under "why stories were rerun"), so a flaky story stays visible and its cause
    # traceable; one that fails twice fails the run.
    for item in items:
        if "tests/e2e/" in item.nodeid.replace("\\", "/") and item.get_closest_marker("flaky") is None:
            item.add_marker(pytest.mark.flaky(reruns=1))


@pytest.fixture(autouse=True)
def no_unknown_routes(request: pytest.FixtureRequest):
    """Every route the bot called must be one Discord has (the stand-in answers others 404)."""
    uses_bot = "standin" in request.fixturenames and "bot_process" in request.fixturenames
    discord = request.getfixturevalue("standin") if uses_bot else None
    yield
    if discord is not None:
        assert discord.unknown_routes == []
