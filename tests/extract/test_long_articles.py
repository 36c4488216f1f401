"""Over-long articles are read in chunks; an article that fails becomes a Problem and the batch goes on."""

import spacy

import kg.extract as ex
from kg.extract import add_components, extract_articles
from kg.records import Article


def article(i, text):
    return Article(id=f"a{i}", document_id="d", index=i, headline="", text=text, source_path=f"d{i}.txt")


def test_chunks_cut_at_paragraphs_and_cover_the_text():
    text = "第一段。\n第二段很长。\n第三段。\n" * 50
    spans = ex._chunks(text, 40)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(e - s <= 40 for s, e in spans)
    assert all(text[e - 1] == "\n" for s, e in spans[:-1])
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def test_long_article_offsets_map_back(monkeypatch):
    nlp = add_components(spacy.blank("zh"))
    sentence = "中车株洲所与星火机电有限公司签署合作协议，市委书记王大明出席。\n"
    text = sentence * 30
    monkeypatch.setattr(ex, "MAX_CHUNK", 200)
    [result] = extract_articles(nlp, [article(0, text)])
    monkeypatch.setattr(ex, "MAX_CHUNK", 1_000_000)
    [whole] = extract_articles(nlp, [article(0, text)])
    got = sorted((m.start, m.end, m.label) for m in result.mentions)
    assert got and all(text[s:e] for s, e, _ in got)
    assert sum(1 for s, e, _ in got if text[s:e] == "王大明") == 30
    assert got == sorted((m.start, m.end, m.label) for m in whole.mentions)


def test_a_failing_article_is_a_problem_not_a_crash(monkeypatch):
    nlp = add_components(spacy.blank("zh"))
    nlp.max_length = 50
    problems = []
    results = extract_articles(nlp, [article(0, "市委书记王大明出席会议。"), article(1, "很长的文章。" * 100),
                                     article(2, "市长李小红出席。")], problems=problems)
    assert len(results) == 3 and results[1].mentions == []
    assert any(m.label == "PER" for m in results[0].mentions)
    assert len(problems) == 1 and problems[0].path == "d1.txt" and "E088" in problems[0].reason
