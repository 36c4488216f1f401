"""Declared HTML charsets, whole-file re-detection, stray NUL bytes."""

from __future__ import annotations

import pytest

from kg.ingest import ingest_file
from kg.ingest.decode import DecodeError, decode_file, declared_charset

BODY = "株洲日报讯 市委书记王大明出席中车株洲所与湖南星火机电有限公司的签约仪式。双方将在轨道交通领域深化合作。\n" * 20


def test_declared_charset_is_read():
    assert declared_charset(b'<html><head><meta charset="gbk">') == "gb18030"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312" />') == "gb18030"
    assert declared_charset(b'<meta charset="utf-8">') == "utf-8"
    assert declared_charset(b"<p>no declaration</p>") is None


def test_gbk_page_with_a_long_ascii_head(tmp_path):
    css = "/* " + "x" * 100 + " */\n"
    page = ('<html><head><meta charset="gbk"><style>' + css * 800 + "</style></head><body><h1>签约</h1>"
            + "".join(f"<p>{line}</p>" for line in BODY.splitlines()) + "</body></html>")
    path = tmp_path / "late.html"
    path.write_bytes(page.encode("gbk"))
    decoded = decode_file(path, path.stat().st_size)
    assert decoded.encoding == "gb18030"
    text = "".join(decoded.chunks)
    assert "王大明" in text and "\ufffd" not in text


def test_gbk_text_whose_head_is_ascii_is_redetected(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(("x" * 70_000 + "\n").encode() + BODY.encode("gb18030"))
    decoded = decode_file(path, path.stat().st_size)
    assert "王大明" in "".join(decoded.chunks)
    assert any("re-detected" in w for w in decoded.warnings)


def test_a_stray_nul_is_stripped_with_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(BODY[:200].encode() + b"\x00" + BODY[200:].encode())
    document = ingest_file(path)
    assert "\x00" not in document.text and "王大明" in document.text
    assert any("NUL" in p.reason for p in document.problems)


def test_many_nuls_are_binary(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 500)
    with pytest.raises(DecodeError, match="binary"):
        decode_file(path, path.stat().st_size)
