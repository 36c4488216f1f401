"""Where phase 1 runs: in this process (--jobs 1), in worker processes (--jobs N), or on a Dask cluster
(--engine dask). Each engine maps `read_batch(domain, batch)` over batches and yields the results in input order,
with at most `window` batches in flight, so memory stays bounded whatever the corpus size."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import warnings
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


class Forked:
    """`fn(arg)` in a forked child, started at once, while this process does something else; `result()` waits for
    it. The child gets this process's state as it is (the modules, the domain, the model once loaded) without a
    spawned interpreter's seconds of imports, and leaves with os._exit: no atexit handlers, no flush of streams a
    thread of this process (the progress bar) may have held at the fork. If the child fails, `result()` computes
    `fn(arg)` here, so a failure surfaces with its own traceback."""

    def __init__(self, fn: Callable, arg):
        self.fn, self.arg = fn, arg
        readable, writable = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(readable)
            _child(fn, arg, writable)
        os.close(writable)
        self.pipe = os.fdopen(readable, "rb")

    def result(self):
        try:
            data = self.pipe.read()
        finally:
            self.close()
        try:
            return pickle.loads(data) if data else self.fn(self.arg)
        except (pickle.UnpicklingError, EOFError):  # a child killed while writing
            return self.fn(self.arg)

    def close(self) -> None:
        """Reap the child; killed if it still runs (this process gave up on it, or it is past its last write)."""
        self.pipe.close()
        if self.pid:
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = 0


def _child(fn: Callable, arg, writable: int) -> None:
    code = 1
    try:
        logging.disable(logging.CRITICAL)  # the parent reports the records' problems; the child writes no stream
        warnings.simplefilter("ignore")
        with os.fdopen(writable, "wb") as out:
            pickle.dump(fn(arg), out, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


def can_fork() -> bool:
    """A second process may run beside this one: Linux (fork is safe enough there) with two cores or more."""
    return sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
