"""The burst benchmark's cluster scenario (bench/burst.py, bench/cluster.py) runs end to end at a
tiny N, so it cannot rot: two bot processes on shards 0 and 1 of 2, one fresh PostgreSQL database,
the stand-in sharded, the same checks (lost / duplicated, member by member) as the real run."""

from __future__ import annotations

import pytest

from bench.burst import run_isolated
from tests.backends import ADMIN_URL

pytestmark = [
    pytest.mark.timeout(240),
    pytest.mark.skipif(not ADMIN_URL, reason="PostgreSQL: set HANDOUT_TEST_DATABASE_URL (.ci/postgres start)"),
]

N = 20


async def test_the_cluster_scenario_delivers_each_click_once_across_both_shards() -> None:
    clicks, thanks = await run_isolated(N, baseline=False, thanks=True, admin_url=ADMIN_URL, clustered=True)
    assert clicks.name == "handout cluster 2×postgresql"
    assert (len(clicks.ack_ms), clicks.missed, clicks.errors) == (N, 0, 0)
    assert (clicks.delivered, clicks.lost, clicks.duplicated) == (N, 0, 0)
    assert clicks.rate_limited == 0
    assert not [note for note in clicks.notes if "failed" in note or "429" in note], clicks.notes
    # Every thank-you DM (all at shard 0's process) was stored and prompted or summarised.
    assert thanks.name == "handout cluster 2×postgresql thanks DMs"
    assert (thanks.n, thanks.lost, thanks.delivered) == (N, 0, N)
