"""A machine-speed reference printed by the benchmarks, so figures from different machines can be compared.

Our sessions run on machines whose single-core speed differs up to 3×; a figure without the machine's speed
beside it cannot be judged against a target. The reference is the best of three runs of a fixed pure-Python loop
(10M additions in a function): 0.42–0.62 s on the 2026-12-03 machine (not measured on earlier ones).
"""

from __future__ import annotations

import platform
import time


def python_loop_seconds(n: int = 10_000_000, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        total = 0
        for i in range(n):
            total += i
        best = min(best, time.perf_counter() - started)
    return best


def describe() -> str:
    return f"machine: {platform.processor() or platform.machine()}, reference loop (10M additions) {python_loop_seconds():.2f} s"
