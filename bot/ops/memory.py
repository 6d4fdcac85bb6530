"""The garbage collector and a burst of clicks.

Each click allocates about 125 container objects that outlive the moment (discord.py's interaction,
its message, embed and components, the rebuilt view, the handlers' coroutines), so at CPython's
default thresholds (700, 10, 10) a collection of the youngest generation ran every 5-6 clicks, and
the older generations' collections walked every click in flight again, and every object of the
process: 0.2-0.27 ms of CPU per click in a burst of 1,000 (bench/README.md, "CPU per click").

Two standard remedies, applied once, at the end of start-up:

- ``gc.freeze()``: what exists then (services, extensions, discord.py's machinery and the
  classifier's model, about 170,000 objects) lives as long as the process, so no collection walks
  it again. The model is loaded here rather than at the first DM, where it would add some 105,000
  objects to every full collection for good.
- A youngest-generation threshold of 20,000 instead of 700: most of a click's objects are freed by
  reference counting or collected young, and the older generations are reached 30 times less often.
  A youngest collection then takes a few milliseconds (tens when the cores are contended); cyclic
  garbage waits a little longer (at most 20,000 objects, a few MB).
"""

from __future__ import annotations

import gc
import logging

from bot.core.classifier_model import load_model

log = logging.getLogger(__name__)

YOUNGEST_THRESHOLD = 20_000  # CPython's default: 700
OLDER_THRESHOLDS = (10, 10)  # CPython's defaults


def preload_classifier() -> None:
    """Read the classifier's model now (about 0.4 s), so it is among the frozen start-up objects."""
    load_model()


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
