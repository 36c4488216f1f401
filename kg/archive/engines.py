"""Where phase 1 runs: in this process (--jobs 1), in worker processes (--jobs N), or on a Dask cluster
(--engine dask). Each engine maps `read_batch(domain, batch)` over batches and yields the results in input order,
with at most `window` batches in flight, so memory stays bounded whatever the corpus size."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

ENGINES = ("local", "dask")
# one BLAS thread per worker process: N processes on N cores, not N × N threads fighting over them
_ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_ordered(submit: Callable, result: Callable, batches: Iterable, window: int) -> Iterator:
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def serial(fn: Callable, batches: Iterable) -> Iterator:
    for batch in batches:
        yield fn(batch)


@contextmanager
def _env(values: dict[str, str]):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def processes(fn: Callable, batches: Iterable, jobs: int) -> Iterator:
    """A pool of `jobs` fresh (spawned) processes; each loads the model once, on its first batch."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # the children read these when they start, which is at the first submits: kept for the pool's life
    with _env(_ONE_THREAD), ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from run_ordered(lambda b: pool.submit(fn, b), lambda f: f.result(), batches, window=2 * jobs)


def dask(fn: Callable, batches: Iterable, address: str | None, jobs: int) -> Iterator:
    """Batches as Dask tasks on the cluster at `address` (a scheduler's tcp://host:port), or on a local cluster of
    `jobs` single-threaded worker processes when no address is given. Workers need kg installed and the input
    files at the same paths (a shared file system)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--engine dask needs Dask: pip install 'kg[dask]' (or dask[distributed])") from None
    cluster = None
    if address is None:
        with _env(_ONE_THREAD):
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster if cluster is not None else address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # pure=False: every batch is its own task (Dask would otherwise dedupe equal arguments)
        yield from run_ordered(lambda b: client.submit(fn, b, pure=False), lambda f: f.result(), batches,
                               window=2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def mapper(engine: str, jobs: int, address: str | None) -> Callable[[Callable, Iterable], Iterator]:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "dask":
        return lambda fn, batches: dask(fn, batches, address, jobs)
    if jobs <= 1:
        return serial
    return lambda fn, batches: processes(fn, batches, jobs)
