"""Encodings (UTF-8 ± BOM, UTF-16, GB18030, Big5) and traditional → simplified conversion."""

from __future__ import annotations

import pytest

from kg.ingest import ingest, ingest_file

SIMPLIFIED = (
    "中车株洲所第三届科技节开幕\n\n株洲日报记者 胡文洁\n\n"
    "株洲日报讯 3月28日，以“赋能双赛道 创新添动力”为主题的中车株洲所第三届科技节开幕，"
    "中国中车集团党委书记王军讲话，市委书记曹慧泉致贺词。开幕式上举行了国家重点实验室的揭牌仪式。\n"
)
TRADITIONAL = (
    "中車株洲所第三屆科技節開幕\n\n株洲日報記者 胡文潔\n\n"
    "株洲日報訊 3月28日，以「賦能雙賽道 創新添動力」為主題的中車株洲所第三屆科技節開幕，"
    "中國中車集團黨委書記王軍講話，市委書記曹慧泉致賀詞。開幕式上舉行了國家重點實驗室的揭牌儀式。\n"
)


@pytest.mark.parametrize(
    "codec, data_encoding",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-le", "utf-16-le"),  # no BOM
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),  # decoded with the superset
    ],
)
def test_simplified_text_in_any_encoding(tmp_path, codec, data_encoding):
    path = tmp_path / f"news-{codec}.txt"
    path.write_bytes((SIMPLIFIED * 3).encode(codec))
    doc = ingest_file(path)
    assert doc.encoding.replace("_", "-").startswith(data_encoding.split("-")[0])
    assert not doc.converted_from_traditional
    assert doc.articles[0].headline == "中车株洲所第三届科技节开幕"
    assert doc.articles[0].bylines[0].name == "胡文洁"
    assert "\ufeff" not in doc.text
    assert not [p for p in doc.problems if "replaced" in p.reason]


def test_big5_traditional_is_converted_and_kept(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes((TRADITIONAL * 3).encode("big5"))
    doc = ingest_file(path)
    assert doc.encoding == "big5"
    assert doc.converted_from_traditional
    article = doc.articles[0]
    assert article.headline == "中车株洲所第三届科技节开幕"
    assert [(b.role, b.name, b.organization) for b in article.bylines] == [("记者", "胡文洁", "株洲日报")]
    assert article.dateline == "株洲日报讯" and article.publisher == "株洲日报"
    assert article.meta["converted_from_traditional"] is True
    assert article.meta["original_text"].splitlines()[0] == "中車株洲所第三屆科技節開幕"
    assert "株洲日報訊" in article.meta["original_text"]
    assert doc.metadata["original_text"].startswith("中車株洲所第三屆科技節開幕")


def test_traditional_utf8(tmp_path):
    (tmp_path / "t.txt").write_text(TRADITIONAL, encoding="utf-8")
    result = ingest([tmp_path])
    assert result.documents[0].converted_from_traditional
    assert "国家重点实验室" in result.documents[0].articles[0].text
