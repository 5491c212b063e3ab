"""in_two: the same result whether the second half is computed by a forked child or here."""

from __future__ import annotations

import os
import threading

from build_site import parallel
from build_site.parallel import in_two


def squares_with_pid(items):
    return [(item * item, os.getpid()) for item in items]


def test_halves_alternate_by_weight_and_keep_their_order():
    first, second = in_two(list, [1, 5, 2, 4, 3], weight=lambda item: item, min_weight=10**9)
    assert (first, second) == ([1, 5, 3], [2, 4])


def test_a_large_input_is_shared_with_a_forked_child(monkeypatch):
    # the session's local web servers run in threads; this child takes no lock
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    items = list(range(100))
    first, second = in_two(squares_with_pid, items, weight=lambda item: 1, min_weight=10)
    assert sorted(square for square, _ in first + second) == sorted(i * i for i in items)
    assert {pid for _, pid in first} == {os.getpid()}
    assert {pid for _, pid in second} != {os.getpid()}


def test_a_failing_child_leaves_its_half_to_the_parent(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    parent = os.getpid()

    def fails_in_child(items):
        if os.getpid() != parent:
            raise RuntimeError("child")
        return squares_with_pid(items)

    first, second = in_two(fails_in_child, [1, 2, 3, 4], weight=lambda item: 1, min_weight=1)
    assert {pid for _, pid in first + second} == {parent}
    assert sorted(square for square, _ in first + second) == [1, 4, 9, 16]


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel._may_fork(10**9, 1)
    finally:
        stop.set()
        thread.join()
