"""The garbage collector and a burst of clicks.

Each click allocates about 125 container objects that outlive the moment (discord.py's interaction,
its message, embed and components, the rebuilt view, the handlers' coroutines), so at CPython's
default thresholds (700, 10, 10) a collection of the youngest generation ran every 5-6 clicks, and
the older generations' collections walked every click in flight again, and every object of the
process: 0.2-0.27 ms of CPU per click in a burst of 1,000 (bench/README.md, "CPU per click").

Two standard remedies, applied once, at the end of start-up:

- ``gc.freeze()``: what exists then (services, extensions, discord.py's machinery, about 60,000
  objects) lives as long as the process, so no collection walks it again.
- A youngest-generation threshold of 20,000 instead of 700: most of a click's objects are freed by
  reference counting or collected young, and the older generations are reached 30 times less often.
  A youngest collection then takes a few milliseconds (tens when the cores are contended); cyclic
  garbage waits a little longer (at most 20,000 objects, a few MB).

The classifier's model (about 105,000 objects) is still loaded at the first DM, not frozen: loading
it at start-up to freeze it cost 60 MB more peak memory in a burst (its JSON is parsed whole), and
the full collections that would walk it now come about once per 2 million allocations.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)

YOUNGEST_THRESHOLD = 20_000  # CPython's default: 700
OLDER_THRESHOLDS = (10, 10)  # CPython's defaults


def settle_start_up_objects() -> int:
    """Collect what start-up left as garbage, freeze the rest (later collections skip it) and raise
    the youngest generation's threshold. Called once, before the gateway connects: objects frozen are
    never collected, so freezing again (at READY, on a reconnect) would keep that moment's clicks in
    flight for good. Returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST_THRESHOLD, *OLDER_THRESHOLDS)
    frozen = gc.get_freeze_count()
    log.info("Froze %d start-up objects; garbage collection thresholds %s", frozen, gc.get_threshold())
    return frozen
