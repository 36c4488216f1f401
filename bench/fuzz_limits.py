"""The limits of issue 22, measured on `kg build` in a subprocess (time and peak RSS, VmHWM):

1. a YAML "billion laughs" front matter of a few hundred bytes on a seed (before the fix: 3 min 12 s, 11 GB);
2. news text of N MB with no line break at all against the same text with its normal lines (headlines and
   paragraphs on lines of their own), built from the articles of the seeds and gold sets in random order
   (target: one-line within 1.5× the time and memory of normal lines).

    python bench/fuzz_limits.py                 # bomb, then 20 MB one-line vs normal lines (~30 min on 2 cores)
    python bench/fuzz_limits.py --mb 2          # a quick look
    python bench/fuzz_limits.py --no-bomb --mb 7
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_build import REPO, run_build  # noqa: E402
from machine import describe  # noqa: E402

BOMB = "---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "title: x\n---\n"


def articles() -> list[list[str]]:
    """The articles of the seeds and the gold sets, each as its lines (headline lines, then paragraphs)."""
    from kg.ingest import ingest

    inputs = [REPO / "seeds", *sorted((REPO / "gold").glob("*/*.txt"))]
    return [[p.text for p in a.paragraphs] for d in ingest(inputs).documents for a in d.articles if a.paragraphs]


def write_pair(folder: Path, megabytes: float, seed: int = 22) -> tuple[Path, Path]:
    """(normal lines, one line): the same characters, with and without the line breaks."""
    pool = articles()
    rng = random.Random(seed)
    chosen: list[list[str]] = []
    size = 0
    while size < megabytes * 1e6:
        chosen.append(rng.choice(pool))
        size += sum(len(line.encode()) for line in chosen[-1])
    lines, one = folder / "normal_lines.txt", folder / "one_line.txt"
    lines.write_text("\n\n\n".join("\n\n".join(article) for article in chosen) + "\n", encoding="utf-8")
    one.write_text("".join("".join(article) for article in chosen), encoding="utf-8")
    return lines, one


def measure(path: Path, out: Path, label: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB) of `kg build` on `path`. CPU time is the steadier figure on
    a machine shared with other work."""
    code, output, seconds, peak = run_build([path], out, timeout=7200, memory_mb=64 << 10)
    if code != 0 or "Traceback" in output:
        print(output[-3000:])
        raise SystemExit(f"{label}: kg build failed (exit {code})")
    articles = next((line.split()[-1] for line in output.splitlines() if line.strip().startswith("articles")), "?")
    cpu = float(re.search(r"FUZZ_CPU_S=([\d.]+)", output).group(1))
    print(f"{label}: {path.stat().st_size / 1e6:.1f} MB, {articles} articles, {seconds:.1f} s ({cpu:.1f} s CPU), "
          f"peak RSS {peak} MB", flush=True)
    return seconds, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--no-bomb", action="store_true")
    parser.add_argument("--no-lines", action="store_true", help="skip the one-line vs normal-lines comparison")
    args = parser.parse_args()
    print(describe(), flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-limits-") as tmp:
        tmp = Path(tmp)
        if not args.no_bomb:
            seed = (REPO / "seeds" / "003_bdf1d6836cfab028.txt").read_text(encoding="utf-8")
            (tmp / "bomb.txt").write_text(BOMB + seed, encoding="utf-8")
            (tmp / "plain.txt").write_text(seed, encoding="utf-8")
            print(f"YAML bomb: {len(BOMB)} bytes of front matter (9^9 = 387,420,489 leaves when expanded)")
            measure(tmp / "plain.txt", tmp / "out-plain", "the seed alone")
            measure(tmp / "bomb.txt", tmp / "out-bomb", "the seed under the bomb")
        if not args.no_lines:
            lines, one = write_pair(tmp, args.mb)
            t_lines, c_lines, m_lines = measure(lines, tmp / "out-lines", "normal lines")
            t_one, c_one, m_one = measure(one, tmp / "out-one", "one line")
            print(f"one line / normal lines: time {t_one / t_lines:.2f}x (CPU {c_one / c_lines:.2f}x), "
                  f"peak RSS {m_one / m_lines:.2f}x (target ≤ 1.5x)")


if __name__ == "__main__":
    main()
