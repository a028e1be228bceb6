"""Pause the cyclic garbage collector around steps that only build or walk records.

Reading thousands of cached results back, or turning them into a report, allocates
containers by the hundred thousand and frees them by reference counting; none forms a
cycle. The collector would still wake every 700 allocations and rescan every record
alive so far: about a tenth of a cached run's time.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
