"""Two halves of a large, pure computation side by side, on the machine's second core.

`in_two(function, items)` returns `function(first half), function(second half)`, the second
computed by a forked child that sends its result back pickled.  Fork, not a process pool:
the child starts with everything already loaded (OpenCC's dictionaries, the taxonomy, the
corpus) and only the result crosses the pipe.  A process only forks while it is
single-threaded (under `make serve` a server thread may hold a lock the child would then wait
for forever); with a small input, one core, or a child that fails, both halves are computed
here, so the result is the same either way.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_two(
    function: Callable[[Sequence[Item]], Result],
    items: Sequence[Item],
    weight: Callable[[Item], int],
    min_weight: int,
) -> tuple[Result, Result]:
    """Halves of about equal weight: every other item, heaviest first (order kept within)."""
    weights = [weight(item) for item in items]
    ranked = sorted(range(len(items)), key=weights.__getitem__, reverse=True)
    first = [items[index] for index in sorted(ranked[0::2])]
    second = [items[index] for index in sorted(ranked[1::2])]
    if not _may_fork(sum(weights), min_weight):
        return function(first), function(second)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(reading)
            with os.fdopen(writing, "wb") as pipe:
                pickle.dump(function(second), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # never returns into the parent's code
    os.close(writing)
    mine = function(first)
    with os.fdopen(reading, "rb") as pipe:
        sent = pipe.read()  # the child blocks on a full pipe until this reads it
    _, status = os.waitpid(child, 0)
    return mine, pickle.loads(sent) if status == 0 else function(second)


def map_in_two(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    weight: Callable[[Item], int],
    min_weight: int,
) -> list[Result]:
    """`function(item)` for every item, in the items' order, the halves as in `in_two`."""
    numbered = list(enumerate(items))
    first, second = in_two(
        lambda half: [(number, function(item)) for number, item in half],
        numbered, lambda pair: weight(pair[1]), min_weight,
    )
    return [result for _, result in sorted(first + second, key=lambda pair: pair[0])]


def _may_fork(total_weight: int, min_weight: int) -> bool:
    return (total_weight >= min_weight and threading.active_count() == 1
            and (os.cpu_count() or 1) > 1 and hasattr(os, "fork"))
