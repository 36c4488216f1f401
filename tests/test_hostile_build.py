"""Hostile input and hostile moments for the whole build (issue 22): every row of the issue's table through the
real CLI; exports that parse whatever the text held; an output folder that changes as a whole (builds killed at
several moments, two builds at once)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph
import pytest
from lxml import etree
from lxml import html as lxml_html

from kg.graph.export import OutputFolder, _exchange
from kg.ingest import ingest
from kg.pipeline import build, write_outputs
from kg.records import Corpus

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "003_bdf1d6836cfab028.txt"


def _fuzz():
    spec = importlib.util.spec_from_file_location("fuzz_build", REPO / "bench" / "fuzz_build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def write_table_inputs(folder: Path) -> dict[str, str]:
    """One input per row of the issue's table, plus a good file; → file name: what its line must say."""
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    bomb = "---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
        f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "---\n"
    (folder / "good.txt").write_text(seed, encoding="utf-8")
    (folder / "bomb.txt").write_text(bomb + seed, encoding="utf-8")
    (folder / "cycle_list.txt").write_text("---\nx: &a [*a]\n---\n" + seed, encoding="utf-8")
    (folder / "cycle_map.txt").write_text("---\nx: &a {k: *a}\n---\n" + seed, encoding="utf-8")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    (folder / "ansi.txt").write_text(seed.replace("株洲", "\x1b[31m株洲\x1b[0m\x01\x02\x7f\x9b", 20), encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    data = seed.encode()
    (folder / "corrupt.txt").write_bytes(data[: len(data) // 2] + b"\xff" + data[len(data) // 2 :])
    lines = seed.splitlines()
    (folder / "mixed.txt").write_bytes(b"\n".join(l.encode("gb18030" if i % 4 == 2 else "utf-8") for i, l in enumerate(lines)))
    body = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>",
                                      encoding="utf-8")
    (folder / "one_line.txt").write_text("".join(lines) * 8, encoding="utf-8")
    return {
        "bomb.txt": "alias *a refused", "cycle_list.txt": "alias *a refused", "cycle_map.txt": "alias *a refused",
        "self.txt": "symlink loop", "loop_a.txt": "symlink loop", "loop_b.txt": "symlink loop",
        "ansi.txt": "control character(s) removed", "fifo.txt": "not a regular file: a FIFO",
        "corrupt.txt": "replaced by U+FFFD", "mixed.txt": "mixed encodings, decoded line by line",
    }


def test_every_row_of_the_table_gives_one_line_and_the_batch_builds(tmp_path):
    expected = write_table_inputs(tmp_path / "in")
    code, output, seconds, peak = _fuzz().run_build([tmp_path / "in"], tmp_path / "out", timeout=300)
    assert code == 0, output[-3000:]
    assert "Traceback" not in output
    lines = " ".join(output.split())  # rich may wrap a long line
    for name, reason in expected.items():
        assert f"{tmp_path / 'in' / name}: " in lines and reason in lines, (name, reason)
    assert "files read / skipped / seen 9 / 4 / 13" in lines
    if peak is not None:
        assert peak < 2000  # the YAML bomb took 11 GB
    store = pyoxigraph.Store()
    store.load(path=str(tmp_path / "out" / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    headlines = {str(t.object.value) for t in store.quads_for_pattern(None, pyoxigraph.NamedNode("https://schema.org/headline"), None)}
    assert any("株洲" in h for h in headlines)
    documents = {str(t.object.value) for t in store.quads_for_pattern(None, pyoxigraph.NamedNode("http://purl.org/dc/terms/identifier"), None)}
    assert {"deep", "one_line", "mixed", "corrupt", "bomb"} <= documents  # their articles were read


CONTROLS = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)])) + "\ufffe\uffff"


def test_every_export_parses_whatever_the_text_held(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    hostile = seed.replace("株洲", f"株\x1b[31m洲{CONTROLS}", 30).replace("中车", "中\x1b]0;x\x07车\x1b[0m", 10)
    (tmp_path / "in" / "c0c1.txt").write_text(hostile, encoding="utf-8")
    u16 = "\ufeff" + seed.replace("产业", "产\ud800业\udfff", 10)
    (tmp_path / "in" / "u16.txt").write_bytes(u16.encode("utf-16-le", "surrogatepass"))
    (tmp_path / "in" / "refs.html").write_text(
        "<html><head><title>中车株洲所科技节开幕&#27;[2J</title></head><body><h1>中车株洲所科技节开幕&#1;</h1>"
        "<p>株洲日报讯 3月28日，中车株洲所&#xFFFE;第三届科技节开幕，市委书记曹慧泉&#x7;致贺词。</p></body></html>",
        encoding="utf-8")
    (tmp_path / "in" / "front.md").write_text(
        '---\ntitle: "中车株洲所科技节开幕\\x1b[31m\\ud800\\x00"\npublisher: "株洲日报\\x07"\n'
        'tags: ["\\x1b[1m轨道交通", "\\uffff"]\nurl: https://example.com/a\n---\n\n'
        "3月28日，中车株洲所第三届科技节开幕，市委书记曹慧泉致贺词。\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build([tmp_path / "in"], out, formats=("ttl", "jsonld", "nt"))
    assert report.files_read == 4 and report.corpus.entities
    for name, fmt in [("graph.ttl", pyoxigraph.RdfFormat.TURTLE), ("graph.nt", pyoxigraph.RdfFormat.N_TRIPLES),
                      ("graph.jsonld", pyoxigraph.RdfFormat.JSON_LD)]:
        store = pyoxigraph.Store()
        store.load(path=str(out / name), format=fmt)
        assert len(store) == report.triples, name
    etree.parse(str(out / "graph.graphml"))
    for name in ("entities.jsonl", "relations.jsonl"):
        assert all(json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines())
    lxml_html.fromstring((out / "graph.html").read_text(encoding="utf-8"))
    for name in os.listdir(out):
        if not (out / name).is_file():
            continue  # store/ and .kg-cache/ hold binary records, not exports
        text = (out / name).read_text(encoding="utf-8")
        # the viewer's bundled vis-network holds a literal U+0085 of its own
        assert not any(ch in text for ch in CONTROLS if not (name == "graph.html" and ch == "\x85")), name


# --------------------------------------------------------------------------- the output folder as a whole


def tiny_corpus(path: Path) -> Corpus:
    """A corpus read from one file, without the NLP: exports of it take a fraction of a second."""
    ingested = ingest([path])
    return Corpus(documents=ingested.documents, problems=ingested.problems)


def write_set(corpus: Corpus, out: Path) -> dict[str, bytes]:
    folder = OutputFolder(out)
    with folder.lock():
        write_outputs(corpus, folder, out)
    return snapshot(out)


def snapshot(folder: Path) -> dict[str, bytes]:
    """The exports of a set (the store and cache folders beside them are checked by their own tests)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.exists() else {}


_KILL = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import kg.graph.export as export
    import kg.viz
    from kg.graph.export import OutputFolder
    from kg.pipeline import write_outputs
    sys.path.insert(0, {tests!r})
    from test_hostile_build import tiny_corpus

    moment, source, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    writes = [0]
    real_write, real_exchange, real_rename = export.atomic_write, export._exchange, os.rename

    def counted(path, write):
        writes[0] += 1
        if moment == f"write{{writes[0]}}":
            die()
        return real_write(path, write)

    def exchange(a, b):
        if moment == "before_swap":
            die()
        if moment.startswith("fallback") or not real_exchange(a, b):
            return False
        die()  # after_swap: before the old folder is removed

    def rename(a, b):
        real_rename(a, b)
        if moment == "fallback_between_renames" and ".kg-old-" in str(b):
            die()

    export.atomic_write = counted
    export._exchange = exchange
    os.rename = rename
    if moment == "html":
        kg.viz.write_html = die
    corpus = tiny_corpus(source)
    folder = OutputFolder(out)
    with folder.lock():
        write_outputs(corpus, folder, out)
""")
MOMENTS = ["write1", "write2", "write3", "write4", "html", "before_swap", "fallback_between_renames", "after_swap"]


def _can_exchange(tmp_path: Path) -> bool:
    (tmp_path / "probe_a").mkdir()
    (tmp_path / "probe_b").mkdir()
    try:
        return _exchange(tmp_path / "probe_a", tmp_path / "probe_b")
    finally:
        shutil.rmtree(tmp_path / "probe_a")
        shutil.rmtree(tmp_path / "probe_b")


def test_a_build_killed_at_any_moment_leaves_one_whole_set(tmp_path):
    moments = MOMENTS if _can_exchange(tmp_path) else MOMENTS[:-1]
    out = tmp_path / "out"
    previous = write_set(tiny_corpus(REPO / "seeds" / "001_1f01752f499c41e2.txt"), out)
    (out / "graph-focus-曹慧泉.html").write_text("a page kg view drew", encoding="utf-8")  # not ours: must stay
    previous = snapshot(out)
    new = write_set(tiny_corpus(SEED), tmp_path / "reference")
    new["graph-focus-曹慧泉.html"] = previous["graph-focus-曹慧泉.html"]
    saved = tmp_path / "saved"
    shutil.copytree(out, saved)
    for moment in moments:
        done = subprocess.run([sys.executable, "-c", _KILL.format(tests=str(REPO / "tests")), moment, str(SEED), str(out)],
                              cwd=REPO, capture_output=True, text=True, timeout=120)
        assert done.returncode == -signal.SIGKILL, (moment, done.stderr[-2000:])
        if moment == "fallback_between_renames":
            assert not out.exists()  # the old set waits beside it; the next build puts it back
            with OutputFolder(out).lock():
                pass
        assert snapshot(out) == (new if moment == "after_swap" else previous), moment
        with OutputFolder(out).lock():  # the next build clears what the killed one left
            pass
        assert sorted(os.listdir(tmp_path)) == ["out", "reference", "saved"], moment
        shutil.rmtree(out)
        shutil.copytree(saved, out)


def test_a_real_kg_build_killed_while_exporting(tmp_path):
    out = tmp_path / "out"
    previous = write_set(tiny_corpus(SEED), out)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(REPO / "seeds"), "--out", str(out), "-q"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if any(name.startswith(".out.kg-new-") for name in os.listdir(tmp_path)):
            time.sleep(0.05)  # a little way into the export
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=60)
    after = snapshot(out)
    if proc.returncode == 0:  # finished before the kill: the new set, whole
        assert set(after) >= {"graph.ttl", "graph.html", "entities.jsonl"} and after != previous
    else:
        assert after == previous


def test_two_builds_into_one_folder_do_not_mix(tmp_path):
    out = tmp_path / "out"
    inputs = {}
    for name in ("kgrunalpha", "kgrunbeta"):  # document ids that only these builds write
        inputs[name] = tmp_path / f"{name}.txt"
        shutil.copy(SEED, inputs[name])
    with OutputFolder(out).lock():  # both start while a build holds the folder, so both meet the lock
        procs = {name: subprocess.Popen([sys.executable, "-m", "kg", "build", str(path), "--out", str(out), "-q"],
                                        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**os.environ, "COLUMNS": "200"})
                 for name, path in inputs.items()}
        time.sleep(8)
    outputs = {name: proc.communicate(timeout=600)[0] for name, proc in procs.items()}
    assert all(proc.returncode == 0 for proc in procs.values()), outputs
    assert any("for another kg build writing into this folder" in text for text in outputs.values()), outputs
    files = snapshot(out)
    assert set(files) == {"graph.ttl", "graph.graphml", "graph.html", "entities.jsonl", "relations.jsonl"}
    owners = {name for name in inputs if all(name.encode() in data for data in files.values())}
    assert len(owners) == 1 and not any((inputs.keys() - owners).pop().encode() in data for data in files.values())


def test_a_folder_with_sub_folders_is_updated_file_by_file(tmp_path):
    out = tmp_path / "mine"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "keep.txt").write_text("x")
    corpus = tiny_corpus(SEED)
    folder = OutputFolder(out)
    with folder.lock():
        outputs, _ = write_outputs(corpus, folder, out)
    assert (out / "notes" / "keep.txt").read_text() == "x" and (out / "graph.ttl").exists()
    assert any("not swapped as a set" in p.reason for p in corpus.problems)
    assert sorted(os.listdir(tmp_path)) == ["mine"] and not any(n.startswith(".") for n in os.listdir(out))


def test_a_linked_output_folder_stays_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink("real", tmp_path / "out")
    (tmp_path / "real").chmod(0o750)
    write_set(tiny_corpus(SEED), tmp_path / "out")
    assert (tmp_path / "out").is_symlink() and (tmp_path / "real" / "graph.ttl").exists()
    assert (tmp_path / "real").stat().st_mode & 0o777 == 0o750


def test_exchange_swaps_two_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    if not _exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("no renameat2 RENAME_EXCHANGE here: the two-rename fallback is used")
    assert (tmp_path / "b" / "x").read_text() == "a" and not (tmp_path / "a" / "x").exists()
