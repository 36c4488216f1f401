"""Bad input: each bad file → one Problem with a clear reason; the rest of the batch still runs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from kg.ingest import IngestError, ingest, ingest_file

GOOD = "茶陵产智能遥控器卖向全球\n\n株洲日报记者 廖喜张\n\n株洲日报讯 5月8日上午，位于茶陵经开区的湖南华耘电子有限公司车间内，3台全自动测试仪正在全速工作。\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def errors(result):
    return {os.path.basename(p.path): p.reason for p in result.problems if p.severity == "error"}


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = ingest([tmp_path])
    assert errors(result) == {"empty.txt": "empty file"}
    assert (result.files_seen, result.files_read, result.files_skipped) == (1, 0, 1)


def test_binary_image_named_txt(tmp_path):
    (tmp_path / "photo.txt").write_bytes(PNG)
    with pytest.raises(IngestError, match="not a text file: PNG image"):
        ingest_file(tmp_path / "photo.txt")


def test_nul_bytes_are_binary(tmp_path):
    (tmp_path / "blob.dat").write_bytes(os.urandom(2048) + b"\x00" * 64)
    result = ingest([tmp_path / "blob.dat"])
    assert "not a text file" in errors(result)["blob.dat"]


def test_truncated_multibyte_text_is_read_with_a_warning(tmp_path):
    data = GOOD.encode("utf-8")
    cut = data[:-3]  # "。\n" → the final "。" loses its last byte
    (tmp_path / "cut.txt").write_bytes(cut)
    result = ingest([tmp_path])
    assert result.files_read == 1 and not errors(result)
    warnings = [p.reason for p in result.problems if p.severity == "warning"]
    assert any("U+FFFD" in w and "truncated" in w for w in warnings)
    assert result.documents[0].articles[0].headline == "茶陵产智能遥控器卖向全球"


def test_truncated_gb18030_text(tmp_path):
    data = (GOOD * 3).rstrip("\n").encode("gb18030")[:-1]  # half of the final "。"
    (tmp_path / "gb.txt").write_bytes(data)
    doc = ingest_file(tmp_path / "gb.txt")
    assert doc.encoding == "gb18030"
    assert any("replaced" in p.reason for p in doc.problems)


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    target = tmp_path / "locked.txt"
    target.write_text(GOOD, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path) == str(target):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    result = ingest([tmp_path])
    assert errors(result) == {"locked.txt": "permission denied (file not readable)"}
    assert result.files_read == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_real(tmp_path):
    target = tmp_path / "locked.txt"
    target.write_text(GOOD, encoding="utf-8")
    target.chmod(0)
    try:
        result = ingest([tmp_path])
    finally:
        target.chmod(0o644)
    assert "permission denied" in errors(result)["locked.txt"]


def test_malformed_front_matter_still_reads_the_body(tmp_path):
    (tmp_path / "post.md").write_text(
        "---\ntitle: '振兴湘赣边\ndate: [unclosed\n---\n\n<p>茶陵县委书记邓元连表示，目前茶陵产业发展潜力好。</p>\n",
        encoding="utf-8",
    )
    result = ingest([tmp_path])
    [doc] = result.documents
    assert any("malformed YAML front matter" in p.reason for p in doc.problems)
    assert "邓元连" in doc.articles[0].text


def test_unclosed_front_matter(tmp_path):
    (tmp_path / "post.txt").write_text("---\ntitle: x\n\n株洲日报讯 5月8日上午，华耘电子投产。\n", encoding="utf-8")
    doc = ingest_file(tmp_path / "post.txt")
    assert any("never closed" in p.reason for p in doc.problems)
    assert doc.articles


def test_html_scripts_and_styles_are_dropped(tmp_path):
    (tmp_path / "page.html").write_text(
        textwrap.dedent(
            """\
            <!doctype html><html><head><title>中车株洲所科技节开幕</title>
            <style>p { color: red }</style><script>var secret = "株洲日报讯 不该出现";</script></head>
            <body><nav>首页 &gt; 新闻</nav><h1>中车株洲所科技节开幕</h1>
            <p>株洲日报讯(全媒体记者/胡文洁) 3月28日，中车株洲所第三届科技节开幕。</p>
            <p>王军讲话，曹慧泉致贺词。<script>alert(1)</script></p>
            <p>&lt;b&gt;不是标签&lt;/b&gt;</p></body></html>"""
        ),
        encoding="utf-8",
    )
    [article] = ingest_file(tmp_path / "page.html").articles
    assert article.headline == "中车株洲所科技节开幕"
    assert "secret" not in article.text and "color" not in article.text and "alert" not in article.text
    assert "首页" not in article.text
    assert "<b>不是标签</b>" in article.text  # entities decoded once, as text
    assert article.text.count("中车株洲所科技节开幕") == 1  # <title> and <h1> give one headline
    assert [(b.role, b.name) for b in article.bylines] == [("全媒体记者", "胡文洁")]
    assert article.publisher == "株洲日报"


def test_mixed_folder_accounts_for_every_file(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good2.md").write_text("# 株洲日报\n\n" + GOOD, encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(500))
    (tmp_path / "bad.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    result = ingest([tmp_path, tmp_path / "missing.txt", str(tmp_path / "*.nomatch")])
    assert result.files_seen == result.files_read + result.files_skipped
    assert (result.files_seen, result.files_read, result.files_skipped) == (7, 3, 4)
    errs = errors(result)
    assert errs["empty.txt"] == "empty file"
    assert errs["image.jpg"] == "not a text file: JPEG image"
    assert errs["missing.txt"] == "no such file or folder"
    assert errs["*.nomatch"] == "pattern matches no file"
    assert sum(len(d.articles) for d in result.documents) == 2
    bad = next(d for d in result.documents if d.path.endswith("bad.html"))
    assert any(p.reason == "no article text found" for p in bad.problems)


def test_glob_patterns(seeds_dir):
    result = ingest([str(seeds_dir / "00[34]_*.txt")])
    assert [d.id[:3] for d in result.documents] == ["003", "004"]


LARGE_SCRIPT = r"""
import re, sys, time
from kg.ingest import ingest_file
started = time.perf_counter()
doc = ingest_file(sys.argv[1])
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child of a big pytest process would
# report the parent's size; VmHWM belongs to this process's own address space.
status = open("/proc/self/status").read()
peak_mb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
print(len(doc.articles), len(doc.text), round(peak_mb), round(time.perf_counter() - started, 1), doc.metadata.get("streamed"))
"""


@pytest.mark.slow
def test_50_mb_text_file_streams_in_bounded_memory(tmp_path):
    article = (
        "株洲市先进轨道交通装备产业链推进大会召开{n}\n\n株洲日报记者 胡文洁\n\n"
        "株洲日报讯 5月9日，株洲市先进轨道交通装备产业链推进大会召开，市委书记毛腾飞出席并讲话。"
        "未来，我市将通过产业链链长制、产业协会、产业企业联合党委“三方联动、同频共振”，共同推进轨道交通装备产业。\n\n"
        "目前，我市已集聚了301家轨道交通产业企业，形成了全球最完备的轨道交通全产业链条。\n\n\n"
    )
    path = tmp_path / "big.txt"
    with open(path, "w", encoding="utf-8") as handle:
        n = 0
        while handle.tell() < 50 * 1024 * 1024:
            handle.write("".join(article.format(n=n + i) for i in range(100)))
            n += 100
    size_mb = path.stat().st_size / 1e6
    run = subprocess.run([sys.executable, "-c", LARGE_SCRIPT, str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    articles, chars, peak_mb, seconds, streamed = run.stdout.split()
    print(f"\n50 MB file: {size_mb:.0f} MB, {articles} articles, {chars} chars, peak RSS {peak_mb} MB, {seconds} s")
    assert streamed == "True"
    assert int(articles) == n
    # The kept result (text + articles + paragraphs) is ~3× the decoded text; the raw file is never
    # held whole, and working memory is one ~1 MiB piece at a time.
    assert int(peak_mb) < 600


def test_hidden_files_are_counted_and_duplicate_names_get_distinct_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "news.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b" / "news.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = ingest([tmp_path])
    assert (result.files_seen, result.files_read, result.files_skipped) == (3, 2, 1)
    assert any("hidden" in p.reason for p in result.problems)
    ids = [d.id for d in result.documents]
    assert len(set(ids)) == 2 and all(i.startswith("news-") for i in ids)
    assert len({a.id for d in result.documents for a in d.articles}) == 2


def test_markdown_links_images_and_emphasis(tmp_path):
    (tmp_path / "m.md").write_text(
        "# 株洲日报\n\n## **中车**株洲所科技节开幕\n\n![图](http://x/y.jpg)\n\n"
        "株洲日报讯 [中车株洲所](http://example.com)第三届科技节开幕，**王军**讲话。\n",
        encoding="utf-8",
    )
    [article] = ingest_file(tmp_path / "m.md").articles
    assert article.headline == "中车株洲所科技节开幕"
    assert article.text.splitlines()[1] == "株洲日报讯 中车株洲所第三届科技节开幕，王军讲话。"
    assert "http" not in article.text
