"""Per-stage progress and timings for long builds, so the person waiting sees where time goes.

Quiet (a single summary at debug level) in CI and under pytest, where nobody watches.
"""

from __future__ import annotations

import logging
import os
import resource
import time
from dataclasses import dataclass, field

log = logging.getLogger("mkdocs.build_site")


def peak_mb() -> float:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def watched() -> bool:
    return not (os.environ.get("CI") or "PYTEST_CURRENT_TEST" in os.environ)


@dataclass
class Progress:
    started: float = field(default_factory=time.perf_counter)
    last: float = field(default_factory=time.perf_counter)
    stages: list[tuple[str, float]] = field(default_factory=list)
    verbose: bool = field(default_factory=watched)
    pipeline: list[tuple[str, float]] = field(default_factory=list)  # build_site's own stages

    def stage(self, name: str, detail: str = "") -> None:
        """Close the stage that ran since the previous call."""
        now = time.perf_counter()
        seconds, self.last = now - self.last, now
        self.stages.append((name, seconds))
        suffix = f" ({detail})" if detail else ""
        self._say(f"{name} took {seconds:.1f} s, {now - self.started:.1f} s elapsed, "
                  f"peak memory {peak_mb():.0f} MB{suffix}")

    def tick(self, done: int, total: int, what: str) -> None:
        """Every tenth of a long loop (MkDocs renders pages one by one)."""
        step = max(total // 10, 1)
        if total >= 200 and (done % step == 0 or done == total):
            elapsed = time.perf_counter() - self.started
            self._say(f"{what}: {done}/{total} ({elapsed:.1f} s elapsed)")

    def summary(self) -> None:
        total = time.perf_counter() - self.started
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.stages)
        self._say(f"{total:.1f} s in all: {parts}")

    def as_dict(self) -> dict:
        return {
            "total": time.perf_counter() - self.started,
            "stages": dict(self.stages),
            "pipeline": dict(self.pipeline),
        }

    def _say(self, message: str) -> None:
        (log.info if self.verbose else log.debug)(f"build_site: {message}")
