"""Hostile and broken input at ingest (issue 22): each gives one clear line naming the file and the reason, the
rest of the batch is read, nothing blows up and nothing good is lost silently."""

from __future__ import annotations

import os
import random
import socket
import threading
import time

import pytest

from kg.ingest import ingest, ingest_file, ingest_text
from kg.ingest.frontmatter import split_front_matter
from kg.ingest.large import pieces
from kg.ingest.normalize import MAX_LINE, scrub_controls, split_long_line
from kg.ingest.segment import MAX_ARTICLE_CHARS

GOOD = "茶陵产智能遥控器卖向全球\n\n株洲日报记者 廖喜张\n\n株洲日报讯 5月8日上午，位于茶陵经开区的湖南华耘电子有限公司车间内，3台全自动测试仪正在全速工作。\n"
BODY = "株洲日报讯 5月8日上午，茶陵县委书记邓元连来到湖南华耘电子有限公司调研。"
# XML 1.0 refuses these; a terminal obeys the escapes
CONTROLS = "".join(map(chr, [*range(0, 9), *range(14, 28), 31, 127, *range(0x80, 0x85), *range(0x86, 0xA0)])) + "\ufffe\uffff\ufdd0"
ANSI = "\x1b[31m\x1b[1m\x1b]0;pwned\x07\x1b[2J\x1bc"


def reasons(result, severity=None):
    """file name → its problems' reasons, joined with " | "."""
    out: dict[str, str] = {}
    for problem in result.problems:
        if severity in (None, problem.severity):
            name = os.path.basename(problem.path)
            out[name] = f"{out[name]} | {problem.reason}" if name in out else problem.reason
    return out


def clean(text: str) -> bool:
    return scrub_controls(text)[1] == 0 and "\x1b" not in text


def test_scrub_controls():
    assert scrub_controls(f"甲{ANSI}乙{CONTROLS}丙\t丁\r\n") == ("甲乙丙\t丁\r\n", len(ANSI) + len(CONTROLS))
    # page breaks and Unicode line separators are line breaks, not debris
    assert scrub_controls("甲\f乙\v丙\u2028丁\x85戊") == ("甲\n乙\n丙\n丁\n戊", 0)


# --------------------------------------------------------------------------- YAML front matter

BOMB = "---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
) + "title: 茶陵产智能遥控器卖向全球\n---\n"


def test_billion_laughs_is_refused_fast_and_the_body_is_read(tmp_path):
    (tmp_path / "bomb.md").write_text(BOMB + GOOD, encoding="utf-8")
    started = time.perf_counter()
    result = ingest([tmp_path])
    assert time.perf_counter() - started < 5
    [doc] = result.documents
    assert "alias *a refused" in reasons(result)["bomb.md"]
    assert "邓元连" not in doc.text and "湖南华耘电子有限公司" in doc.text


@pytest.mark.parametrize("block", ["x: &a [*a]", "x: &a {k: *a}", "x: &a\n  k: *a", "x: *undefined"])
def test_recursive_and_undefined_aliases(block):
    front = split_front_matter(f"---\n{block}\n---\n{BODY}\n")
    assert front.error and "malformed YAML front matter" in front.error
    assert front.body.strip() == BODY


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a: " * 3000 + "1" + "}" * 3000])
def test_deep_nesting_is_refused_without_recursion_error(value):
    front = split_front_matter(f"---\nx: {value}\n---\n{BODY}\n")
    assert "nested more than" in front.error and front.body.strip() == BODY


@pytest.mark.parametrize("block", ["date: 2023-02-30", "n: !!int 0x_", "t: !!timestamp 2023-13-01", "x: !!float abc"])
def test_values_the_constructors_refuse(block):  # found by the fuzz test: ValueError is not a YAMLError
    front = split_front_matter(f"---\n{block}\n---\n{BODY}\n")
    assert front.error.startswith("malformed YAML front matter") and front.body.strip() == BODY


def test_huge_front_matter_is_not_parsed():
    front = split_front_matter("---\n" + "k: " + "长" * 40_000 + "\n---\n" + BODY)
    assert "too large" in front.error and front.body == BODY


def test_yaml_escapes_tags_and_odd_values_come_out_plain():
    front = split_front_matter(
        '---\ntitle: "标题\\x1b[31m\\x00\\ud800\\uffff"\nbin: !!binary 5qCH6aKY\nn: .nan\nset: !!set {a, b}\n---\n' + BODY
    )
    assert front.error is None
    assert front.data == {"title": "标题", "bin": "标题", "n": "nan", "set": ["a", "b"]}
    assert "could not determine a constructor" in split_front_matter("---\nx: !!python/object/apply:os.system [ls]\n---\n").error


def test_front_matter_publisher_source_and_url(tmp_path):
    def first(front: str):
        doc = ingest_text(f"---\ntitle: 中车株洲所科技节开幕\n{front}\n---\n\n3月28日，中车株洲所第三届科技节开幕。\n",
                          tmp_path / "p.md")
        return doc.articles[0]

    article = first("publisher: 株洲日报\nlink: https://example.com/a.html")
    assert (article.publisher, article.meta["publisher_source"], article.meta["url"]) == \
        ("株洲日报", "front_matter", "https://example.com/a.html")
    article = first("source: 潇湘晨报\nurl: not-a-url")
    assert article.publisher == "潇湘晨报" and "url" not in article.meta
    article = first("source: https://zz.example/n/1.html\npublisher: 株洲新闻网")
    assert (article.publisher, article.meta["url"]) == ("株洲新闻网", "https://zz.example/n/1.html")


# --------------------------------------------------------------------------- what is an input


def test_symlink_loops_and_dangling_links_are_named_and_the_rest_read(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    os.symlink("good.txt", tmp_path / "alias.txt")  # a link to a file already read: counted once
    result = ingest([tmp_path, tmp_path / "self.txt"])
    errors = reasons(result, "error")
    assert errors == {
        "a.txt": "symlink loop (the link leads back to itself); skipped",
        "b.txt": "symlink loop (the link leads back to itself); skipped",
        "self.txt": "symlink loop (the link leads back to itself); skipped",
        "dangling.txt": "dangling symlink (its target gone.txt does not exist); skipped",
    }
    assert (result.files_seen, result.files_read, result.files_skipped) == (5, 1, 4)


def _ingest_within(paths, seconds=30):
    """ingest() in a thread, so a regression that blocks on a read fails the test instead of hanging it."""
    box = {}
    worker = threading.Thread(target=lambda: box.update(result=ingest(paths)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert "result" in box, "ingest blocked"
    return box["result"]


def test_fifo_socket_and_device_are_skipped_without_blocking(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    try:
        result = _ingest_within([tmp_path, os.devnull])
    finally:
        server.close()
    errors = reasons(result, "error")
    assert errors["pipe.txt"].startswith("not a regular file: a FIFO")
    assert errors["sock.txt"] == "not a regular file: a socket"
    assert errors["null"] == "not a regular file: a character device"
    assert result.files_read == 1 and result.files_seen == result.files_read + result.files_skipped == 4


def test_a_symlinked_folder_is_not_followed_but_named(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path / "in", tmp_path / "in" / "loop")  # would walk forever if followed
    os.symlink("/", tmp_path / "in" / "root")
    result = ingest([tmp_path / "in"])
    assert result.files_read == 1
    assert reasons(result, "error") == {name: "symlink to a folder: not followed (give the folder itself as an input)"
                                        for name in ("loop", "root")}


def test_hostile_file_names_are_printable_and_exportable(tmp_path):
    raw = os.fsencode(tmp_path) + b"/bad\xff\xfe\x1b[31mname.txt"
    with open(raw, "wb") as handle:
        handle.write(GOOD.encode())
    result = ingest([tmp_path])
    [doc] = result.documents
    assert doc.path.endswith("bad\\xff\\xfe\\x1b[31mname.txt") and clean(doc.path)
    doc.path.encode("utf-8")  # no lone surrogates left from the undecodable bytes
    assert doc.id == "bad\\xff\\xfe\\x1b[31mname" and doc.articles[0].id.startswith(doc.id)


# --------------------------------------------------------------------------- characters


def test_control_characters_and_escapes_never_reach_the_text(tmp_path):
    text = GOOD.replace("茶陵经开区", f"茶陵{ANSI}经开区{CONTROLS}").replace("廖喜张", "廖喜张\x1b[0m")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    doc = ingest_file(tmp_path / "c.txt")
    assert any("control character(s) removed" in p.reason for p in doc.problems)
    assert "位于茶陵经开区的湖南华耘电子有限公司" in doc.text and "[31m" not in doc.text
    for article in doc.articles:
        assert clean(article.text) and clean(article.headline)
        assert all(clean(b.name) for b in article.bylines)


def test_lone_surrogates_in_utf16_are_replaced_and_counted(tmp_path):
    data = "\ufeff".encode("utf-16-le") + GOOD.encode("utf-16-le").replace(
        "经开区".encode("utf-16-le"), "经\ud800开\udfff区".encode("utf-16-le", "surrogatepass"))
    (tmp_path / "u16.txt").write_bytes(data)
    doc = ingest_file(tmp_path / "u16.txt")
    assert "茶陵经\ufffd开\ufffd区" in doc.text
    assert any(p.reason.startswith("2 undecodable byte sequence(s) in utf-16-le") for p in doc.problems)
    assert all(clean(a.text) for a in doc.articles)


def test_character_references_to_controls_in_html(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>中车株洲所科技节开幕&#27;[31m</title></head><body><h1>中车株洲所科技节开幕</h1>"
        "<p>株洲日报讯 3月28日，中车株洲所&#1;&#xFFFE;&#xFFFF;第三届科技节开幕。</p></body></html>", encoding="utf-8")
    doc = ingest_file(tmp_path / "p.html")
    assert "中车株洲所第三届科技节开幕" in doc.text and clean(doc.text)
    assert any("character references" in p.reason for p in doc.problems)
    # found by the fuzz test: a control character in the text after a dropped element broke lxml's tree edit
    html = "<p>株洲日报讯 中车株洲所<script>x()</script>&#0;&#27;第三届<nav>导航</nav>&#1;科技节&#133;开幕。</p>"
    assert ingest_text(html, tmp_path / "q.html").articles[0].text.endswith("中车株洲所第三届科技节…开幕。")


# --------------------------------------------------------------------------- encodings


TRADITIONAL = [
    "中車株洲所第三屆科技節開幕",
    "株洲日報訊 3月28日，以「賦能雙賽道 創新添動力」為主題的中車株洲所第三屆科技節開幕。",
    "中國中車集團黨委書記王軍講話，市委書記曹慧泉致賀詞。",
    "開幕式上舉行了國家重點實驗室的揭牌儀式。",
    "茶陵縣委書記鄧元連表示，目前茶陵產業發展潛力好。",
    "湖南華耘電子有限公司車間內，3台全自動測試儀正在全速工作。",
] * 5
PARAGRAPHS = [
    "中车株洲所第三届科技节开幕",
    "株洲日报讯 3月28日，以“赋能双赛道 创新添动力”为主题的中车株洲所第三届科技节开幕。",
    "中国中车集团党委书记王军讲话，市委书记曹慧泉致贺词。",
    "开幕式上举行了国家重点实验室的揭牌仪式。",
    "茶陵县委书记邓元连表示，目前茶陵产业发展潜力好。",
    "湖南华耘电子有限公司车间内，3台全自动测试仪正在全速工作。",
] * 5


def test_one_corrupt_byte_in_utf8_costs_one_character_not_the_file(tmp_path):
    data = "\n\n".join(PARAGRAPHS).encode("utf-8")
    middle = data.index("王军".encode()) + 3  # inside 军
    (tmp_path / "bad.txt").write_bytes(data[:middle] + b"\xff" + data[middle:])
    doc = ingest_file(tmp_path / "bad.txt")
    assert doc.encoding == "utf-8"
    [warning] = [p.reason for p in doc.problems if "U+FFFD" in p.reason]
    assert "first on line 5" in warning
    assert doc.text.count("曹慧泉") == 5 and doc.text.count("王\ufffd") + doc.text.count("\ufffd\ufffd") >= 1


@pytest.mark.parametrize("legacy", ["gb18030", "big5"])
def test_paragraphs_in_two_encodings_are_decoded_line_by_line(tmp_path, legacy):
    source = TRADITIONAL if legacy == "big5" else PARAGRAPHS
    lines = [p.encode("utf-8" if i % 2 else legacy) for i, p in enumerate(source)]
    (tmp_path / "mixed.txt").write_bytes(b"\n\n".join(lines))
    doc = ingest_file(tmp_path / "mixed.txt")
    assert doc.encoding == f"mixed+{legacy}"
    assert any(p.reason.startswith("mixed encodings, decoded line by line") for p in doc.problems)
    assert "\ufffd" not in doc.text
    for paragraph in PARAGRAPHS[:6]:
        assert paragraph.replace(" ", "")[-12:] in doc.text.replace(" ", "")


@pytest.mark.parametrize("codec", ["gb18030", "big5"])
def test_legacy_text_with_corrupt_bytes_is_still_read(tmp_path, codec):
    data = "\n\n".join(TRADITIONAL if codec == "big5" else PARAGRAPHS).encode(codec)
    cut = len(data) // 2
    (tmp_path / "bad.txt").write_bytes(data[:cut] + b"\xff\x80\xff" + data[cut:])
    doc = ingest_file(tmp_path / "bad.txt")
    assert doc.encoding == codec and doc.text.count("曹慧泉") == 5
    assert any("undecodable" in p.reason for p in doc.problems)


def test_mostly_undecodable_file_is_skipped(tmp_path):
    rng = random.Random(7)
    junk = bytes(rng.choice(range(0x80, 0x100)) for _ in range(5000))
    (tmp_path / "junk.txt").write_bytes("株洲日报讯\n".encode() + junk)
    result = ingest([tmp_path])
    assert "cannot determine the text encoding" in reasons(result, "error")["junk.txt"]


# --------------------------------------------------------------------------- structure and size


def test_html_nested_ten_thousand_deep_keeps_its_article(tmp_path):
    inner = "<h1>中车株洲所科技节开幕</h1><p>株洲日报讯 3月28日，中车株洲所第三届科技节开幕。</p><script>var x='不该出现';</script>"
    (tmp_path / "deep.html").write_text(
        "<html><body><nav>首页</nav>" + "<div><span>" * 5000 + inner + "</span></div>" * 5000 + "</body></html>",
        encoding="utf-8")
    [article] = ingest_file(tmp_path / "deep.html").articles
    assert article.headline == "中车株洲所科技节开幕"
    assert "第三届科技节开幕" in article.text and "不该出现" not in article.text and "首页" not in article.text


def test_one_line_without_breaks_is_read_in_bounded_units(tmp_path):
    sentences = [f"第{n}条：{p}" for n, p in enumerate([p for p in PARAGRAPHS if p.endswith("。")] * 60)]
    text = "".join(sentences)  # ~50,000 characters, no line break, no sentence twice (repeats are removed)
    (tmp_path / "one.txt").write_text("版权声明：本文来自网络" + text, encoding="utf-8")
    doc = ingest_file(tmp_path / "one.txt")
    assert len(doc.articles) >= 2 and all(len(a.text) <= MAX_ARTICLE_CHARS + MAX_LINE for a in doc.articles)
    assert all(len(p.text) <= MAX_LINE for a in doc.articles for p in a.paragraphs)
    # nothing dropped: a notice run together with the text does not take the text with it
    kept = "".join(p.text for a in doc.articles for p in a.paragraphs).replace(" ", "")
    assert len(kept) >= len(text.replace(" ", "")) + len("版权声明：本文来自网络")  # pangu spaces go, nothing else
    assert doc.articles[1].meta["part"] == f"2/{len(doc.articles)}"
    assert any("read in parts" in p.reason for p in doc.problems)


def test_split_long_line_prefers_sentence_ends():
    line = "甲" * 1500 + "。" + "乙" * 1500 + "，" + "丙" * 3000
    parts = split_long_line(line)
    assert "".join(parts) == line
    assert parts[0].endswith("。") and parts[1].endswith("，") and all(len(p) <= MAX_LINE for p in parts)


def test_large_file_pieces_are_cut_after_a_sentence_end():
    text = ("株洲日报讯 茶陵县委书记邓元连来到湖南华耘电子有限公司调研。" * 40_000)  # ~1.3 M characters, one line
    cuts = list(pieces(iter([text])))
    assert "".join(cuts) == text and len(cuts) > 1
    assert all(piece.endswith("。") for piece in cuts)


def test_dangling_links_to_one_missing_target_are_each_counted(tmp_path):
    os.symlink("missing.txt", tmp_path / "one.txt")
    os.symlink("missing.txt", tmp_path / "two.txt")
    result = ingest([tmp_path])
    assert set(reasons(result, "error")) == {"one.txt", "two.txt"} and result.files_seen == 2


def test_parts_of_a_long_article_keep_their_own_dateline():
    """Found by the 20 MB bench: a dateline far into an article without headlines lay outside the first part."""
    from kg.ingest.blocks import Block
    from kg.ingest.bylines import parse_dateline
    from kg.ingest.document import DocInfo, articles
    from kg.ingest.segment import Draft
    from kg.records import Document

    filler = "湖南华耘电子有限公司车间内，3台全自动测试仪正在全速工作，产品远销海外多个国家和地区。" * 20
    line = "株洲日报讯(全媒体记者/周蒿 通讯员/杨双艳)去年，经综合评选，我市公布了首批党史教育基地。"
    body = [Block(text=filler) for _ in range(8)] + [Block(text=line)] + [Block(text=filler) for _ in range(8)]
    draft = Draft(body=body, dateline=(body[8], parse_dateline(line)))  # in the second part of 5,000 characters
    document = Document(id="d", path="d.txt", format="txt", encoding="utf-8", text="")
    parts = articles([draft], document, DocInfo())
    assert len(parts) > 2 and [a.meta["part"] for a in parts][:2] == [f"1/{len(parts)}", f"2/{len(parts)}"]
    holder = next(a for a in parts if line in a.text)
    assert holder.dateline == "株洲日报讯" and {b.name for b in holder.bylines} == {"周蒿", "杨双艳"}


def test_a_utf16_stretch_after_an_ascii_head_does_not_crash(tmp_path):
    """Found by the fuzz test: charset-normalizer named UTF-16 for a file whose BOM sat 100 KB in."""
    (tmp_path / "odd.htm").write_bytes(b"---\n" + b"k: v\n" * 20_000 + "\n\n".join(PARAGRAPHS).encode("utf-16"))
    result = ingest([tmp_path])
    assert result.files_seen == 1 and result.files_read + result.files_skipped == 1


@pytest.mark.parametrize("charset", ["utf-16", "unicode_escape", "idna", "rot13"])
def test_declared_charsets_that_are_no_page_charset(tmp_path, charset):
    page = f'<html><head><meta charset="{charset}"></head><body><p>{BODY}</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("gb18030"))
    doc = ingest_file(tmp_path / "p.html")
    assert doc.encoding == "gb18030" and "邓元连" in doc.text


def test_short_lines_that_each_stop_mid_sentence_are_not_glued_without_end():
    """Found by the fuzz test: 20,000 lines "k: v" were joined into one block of 80,000 characters."""
    started = time.perf_counter()
    doc = ingest_text("标题\n\n" + "k: v\n" * 20_000 + BODY, __import__("pathlib").Path("k.txt"))
    assert time.perf_counter() - started < 10
    assert max(len(p.text) for a in doc.articles for p in a.paragraphs) <= MAX_LINE
