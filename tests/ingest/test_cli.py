"""`kg articles`: table and JSONL output, problems on stderr, exit status."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from kg.cli import app

REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click ≥ 8.2 always keeps stderr apart
        return CliRunner()


def test_jsonl_lists_every_seed_article(seeds_dir):
    result = runner().invoke(app, ["articles", str(seeds_dir), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 26
    assert {r["document_id"][:3] for r in records} == {"000", "001", "002", "003", "004"}
    first = next(r for r in records if r["document_id"].startswith("004"))
    assert first["headline"] == "“市应急指挥管理系统”上榜" and first["date"] == "2023-03-29"
    assert first["bylines"][0]["name"] == "马文章"
    assert first["text"].startswith(first["kicker"])
    assert "warning" in result.stderr and "column debris" in result.stderr


def test_table_is_the_default_and_defaults_to_the_seeds():
    result = runner().invoke(app, ["articles"], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "26 articles in 5 file(s)" in result.stdout
    assert "合力打造产业链发展的“株洲模式”" in result.stdout


def test_markup_in_headlines_is_printed_literally(tmp_path):
    (tmp_path / "x.txt").write_text("[bold]标题[/bold] 测试\n\n株洲日报记者 胡文洁\n\n株洲日报讯 正文内容，有一句话。\n", encoding="utf-8")
    result = runner().invoke(app, ["articles", str(tmp_path)], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "[bold]标题[/bold]" in result.stdout


def test_nothing_usable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner().invoke(app, ["articles", str(tmp_path), str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    stderr = " ".join(result.stderr.split())  # rich wraps long paths at the terminal width
    assert "empty file" in stderr and "no such file or folder" in stderr
    assert "no usable article" in stderr
    assert result.stdout.strip() == "" or "0 articles" in result.stdout


def test_bad_file_next_to_good_one_still_exits_zero(tmp_path, seeds_dir):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner().invoke(app, ["articles", str(tmp_path), str(seeds_dir / "003_bdf1d6836cfab028.txt"), "-f", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "empty file" in result.stderr


def test_real_subprocess(seeds_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "articles", str(seeds_dir / "001_1f01752f499c41e2.txt"), "--format", "jsonl", "--no-text"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=REPO_ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["kind"] for r in records].count("photo") == 2
    assert "text" not in records[0]
    assert "files seen 1, read 1, skipped 0; 8 article(s)" in proc.stderr
