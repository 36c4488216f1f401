"""Fuzzing `kg build`: random mutations of the five seeds (truncation, byte flips, encoding swaps, mixed
encodings, injected markup and front matter, control characters, lost line breaks, hostile file names, links,
FIFOs) go through the real CLI in a subprocess under a memory cap (RLIMIT_AS, as `ulimit -v`) and a time cap.
A round passes when there is no traceback, the peak RSS stays under the cap and the summary accounts for
every input (read + skipped = seen = what was written).

    python bench/fuzz_build.py                    # long mode: 20 rounds of 40 mutated inputs
    python bench/fuzz_build.py --rounds 3 --per-round 10 --seed 7

tests/test_fuzz_build.py runs one short round of the same code in the suite.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
MEMORY_CAP_MB = 8192  # address space (RLIMIT_AS); the NLP's libraries reserve far more than they touch
RSS_CAP_MB = 3000  # resident memory a round may peak at
TIME_CAP_S = 300

# Runs the CLI and, at exit, reports the process's CPU time and its own peak RSS (VmHWM: unlike ru_maxrss it is
# not inherited from the process that started it).
_DRIVER = r"""
import atexit, re, resource, sys
def _peak():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write("FUZZ_CPU_S=%.1f\n" % (usage.ru_utime + usage.ru_stime))
    try:
        status = open("/proc/self/status").read()
        sys.stderr.write("FUZZ_PEAK_RSS_MB=%d\n" % (int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024))
    except OSError:
        pass
atexit.register(_peak)
sys.argv = ["kg", *sys.argv[1:]]
from kg.cli import main
main()
"""

FRONT_MATTER = [
    "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n",
    "---\nx: &a [*a]\n---\n",
    "---\nx: &a {k: *a}\n---\n",
    "---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n",
    "---\ntitle: '未闭合\ndate: [1\n---\n",
    "---\ntitle: x\n",
    '---\ntitle: "\\x1b[31m标题\\ud800\\x00"\npublisher: 株洲日报\nurl: https://example.com/a\n---\n',
    "---\n!!python/object/apply:os.system [echo hi]\n---\n",
    "---\ndate: 2023-02-30\ntags: !!set {a, b}\nbin: !!binary AAEC\n---\n",
    "---\n" + "k: v\n" * 20_000 + "---\n",
]
MARKUP = [
    "<div>" * 3000 + "深层嵌套的正文。" + "</div>" * 3000,
    "<script>alert('株洲日报讯')</script>",
    "<p>未闭合<b><i>",
    "&#27;[31m&#0;&#xFFFE;&#xD800;&#1114112;",
    "<![CDATA[ 株洲 ]]>",
    "<!-- 注释 -->",
    "<html><body><h1>标题</h1>",
    "<svg><p>",
    "]]></p></div></body></html>",
    "<meta charset='big5'>",
    "<" * 500,
]
JUNK_TEXT = ["\x1b[31m", "\x1b]0;title\x07", "\x00", "\x07\x08\x0b\x0c", "\u202e", "\ufeff", "\ufffe\uffff", "\x85",
             "\u2028", "\r", "\r\n" * 50, "。" * 3000, "株" * 5000, " " * 2000]
CODECS = ["gb18030", "big5", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig", "utf-32", "shift_jis", "latin-1"]
SUFFIXES = [".txt", ".txt", ".md", ".html", ".htm", "", ".dat"]


def _insert(data: bytes, rng: random.Random, what: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + what + data[at:]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    codec = rng.choice(CODECS)
    return data.decode("utf-8", "replace").encode(codec, "replace")


def _mixed(data: bytes, rng: random.Random) -> bytes:
    codec = rng.choice(["gb18030", "big5"])
    lines = data.split(b"\n")
    return b"\n".join(line.decode("utf-8", "replace").encode(codec, "replace") if rng.random() < 0.5 else line
                      for line in lines)


MUTATIONS = {
    "truncate": lambda d, r: d[: r.randrange(len(d) + 1)],
    "flip": lambda d, r: bytes(b ^ (1 << r.randrange(8)) if r.random() < 0.002 else b for b in d),
    "corrupt": lambda d, r: _insert(d, r, bytes(r.randrange(256) for _ in range(r.randrange(1, 8)))),
    "reencode": _reencode,
    "mixed": _mixed,
    "front_matter": lambda d, r: r.choice(FRONT_MATTER).encode() + d,
    "markup": lambda d, r: _insert(d, r, r.choice(MARKUP).encode()),
    "controls": lambda d, r: _insert(d, r, r.choice(JUNK_TEXT).encode("utf-8", "surrogatepass")),
    "one_line": lambda d, r: d.replace(b"\n", b"").replace(b"\r", b""),
    "splice": lambda d, r: d[: len(d) // 2] + Path(r.choice(SEEDS)).read_bytes()[len(d) // 2 :],
    "repeat": lambda d, r: d * r.randrange(2, 6),
    "binary": lambda d, r: _insert(d, r, os.urandom(r.randrange(16, 4096))),
    "empty": lambda d, r: b"" if r.random() < 0.3 else d[:1],
}
SPECIALS = ["symlink_loop", "dangling", "fifo", "hostile_name", "dir_link"]


@dataclass
class Round:
    files: int  # entries written (each counts once in the summary)
    seconds: float
    returncode: int
    peak_mb: int | None
    seen: int | None
    read: int | None
    skipped: int | None
    traceback: bool
    output: str

    @property
    def failures(self) -> list[str]:
        out = []
        if self.traceback:
            out.append("traceback in the output")
        if self.returncode not in (0, 2):
            out.append(f"exit status {self.returncode}")
        if self.peak_mb is not None and self.peak_mb > RSS_CAP_MB:
            out.append(f"peak RSS {self.peak_mb} MB over {RSS_CAP_MB} MB")
        if self.seen != self.files or (self.read or 0) + (self.skipped or 0) != self.files:
            out.append(f"summary says read {self.read} + skipped {self.skipped} of {self.seen} seen; {self.files} written")
        return out


def write_inputs(folder: Path, count: int, rng: random.Random) -> int:
    """`count` mutated seeds in `folder` (some of them links, FIFOs, hostile names); returns the entries made."""
    folder.mkdir(parents=True, exist_ok=True)
    made = 0
    for n in range(count):
        special = rng.choice(SPECIALS) if rng.random() < 0.12 else None
        mutations = rng.sample(sorted(MUTATIONS), rng.randrange(1, 4))
        name = f"m{n:03d}-{'-'.join(mutations)}"
        if special == "symlink_loop":
            os.symlink(f"{name}.txt", folder / f"{name}.txt")
        elif special == "dangling":
            os.symlink("does-not-exist.txt", folder / f"{name}.txt")
        elif special == "fifo":
            os.mkfifo(folder / f"{name}.txt")
        elif special == "dir_link":
            os.symlink(folder, folder / name)  # a link to the folder itself: named, never followed
        else:
            data = Path(rng.choice(SEEDS)).read_bytes()
            for mutation in mutations:
                data = MUTATIONS[mutation](data, rng) if data else data
            # undecodable bytes, rich markup and an escape sequence in the name
            raw = os.fsencode(folder / name) + (b"\xff[bold]\x1b[1m" if special == "hostile_name" else b"")
            with open(raw + rng.choice(SUFFIXES).encode(), "wb") as handle:
                handle.write(data)
        made += 1
    return made


def run_build(inputs: list[Path], out: Path, timeout: float = TIME_CAP_S, memory_mb: int = MEMORY_CAP_MB) -> tuple:
    """(returncode, output, seconds, peak RSS in MB or None) of `kg build` on `inputs` under the caps."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _DRIVER, "build", *map(str, inputs), "--out", str(out), "--no-html", "--quiet"],
            cwd=REPO, capture_output=True, timeout=timeout, preexec_fn=limit if os.name == "posix" else None,
            env={**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"},
        )
        output = (done.stdout + done.stderr).decode("utf-8", "replace")
        code = done.returncode
    except subprocess.TimeoutExpired as err:
        output = ((err.stdout or b"") + (err.stderr or b"")).decode("utf-8", "replace") + "\nTIMEOUT"
        code = -9
    peak = re.search(r"FUZZ_PEAK_RSS_MB=(\d+)", output)
    return code, output, time.perf_counter() - started, int(peak.group(1)) if peak else None


def fuzz_round(folder: Path, count: int, seed: int) -> Round:
    rng = random.Random(seed)
    files = write_inputs(folder / "in", count, rng)
    code, output, seconds, peak = run_build([folder / "in"], folder / "out")
    counts = re.search(r"files read / skipped / seen\s+(\d+) / (\d+) / (\d+)", output)
    read, skipped, seen = map(int, counts.groups()) if counts else (None, None, None)
    return Round(files, seconds, code, peak, seen, read, skipped, "Traceback (most recent call last)" in output, output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2212)
    args = parser.parse_args()
    total = failed = tracebacks = 0
    peaks = []
    started = time.perf_counter()
    for k in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
            result = fuzz_round(Path(tmp), args.per_round, args.seed + k)
        total += result.files
        tracebacks += result.traceback
        peaks.append(result.peak_mb or 0)
        failed += bool(result.failures)
        print(f"round {k + 1}/{args.rounds} (seed {args.seed + k}): {result.files} inputs, read {result.read} / "
              f"skipped {result.skipped} / seen {result.seen}, exit {result.returncode}, {result.seconds:.1f} s, "
              f"peak RSS {result.peak_mb} MB" + (f"  FAILED: {'; '.join(result.failures)}" if result.failures else ""),
              flush=True)
        if result.failures:
            print(result.output[-3000:], flush=True)
    print(f"\n{total} mutated inputs in {args.rounds} rounds, {time.perf_counter() - started:.0f} s; rounds failed: "
          f"{failed}; tracebacks: {tracebacks}; peak RSS max {max(peaks)} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
