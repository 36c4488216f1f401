"""extract_articles end to end on a composed article, with the character tokenizer."""

import spacy
import pytest

from kg.extract import add_components, extract_articles, split_sentences
from kg.records import Article, Byline

TEXT = (
    "醴陵市陶瓷产业推进大会召开\n"
    "本报讯 6月2日，醴陵市陶瓷产业推进大会在醴陵市会展中心召开。市委书记、市长刘华强出席并讲话，"
    "市委副书记陈东主持大会。湖南星火机电有限公司与醴陵市人民政府签署合作协议。"
    "星火电机项目位于醴陵经开区，由湖南星火机电有限公司投资建设，总投资约5亿元。"
)


@pytest.fixture(scope="module")
def extraction():
    nlp = add_components(spacy.blank("zh"))
    article = Article(id="a1", document_id="d1", index=0, headline="醴陵市陶瓷产业推进大会召开", text=TEXT,
                      date="2021-06-03", publisher="醴陵日报", bylines=[Byline(name="孙小梅", role="记者")])
    return extract_articles(nlp, [article])[0]


def rels(ex, type_):
    by_id = {m.id: m for m in ex.mentions}
    out = []
    for r in ex.relations:
        if r.type == type_:
            obj = by_id[r.object].normalized if r.object else r.literal
            out.append((by_id[r.subject].normalized, obj))
    return out


def test_sentences_cover_text():
    spans = split_sentences("第一句。第二句！\n第三句")
    assert [(s, e) for s, e in spans] == [(0, 4), (4, 8), (9, 12)]


def test_mentions_have_offsets_and_sources(extraction):
    for m in extraction.mentions:
        if m.end > m.start:
            assert TEXT[m.start : m.end] == m.text
            assert m.source


def test_positions(extraction):
    positions = rels(extraction, "position")
    assert ("刘华强", "市委书记") in positions and ("刘华强", "市长") in positions
    assert ("陈东", "市委副书记") in positions


def test_event_relations(extraction):
    event = "醴陵市陶瓷产业推进大会"
    assert ("刘华强", event) in rels(extraction, "attended")
    assert ("刘华强", event) in rels(extraction, "spoke_at")
    assert ("陈东", event) in rels(extraction, "chaired")
    assert (event, "2021-06-02") in rels(extraction, "event_date")
    assert (event, "醴陵市会展中心") in rels(extraction, "event_location")


def test_cooperation_investment_location(extraction):
    assert ("湖南星火机电有限公司", "醴陵市人民政府") in rels(extraction, "cooperates_with")
    assert ("湖南星火机电有限公司", "星火电机项目") in rels(extraction, "invests_in")
    assert ("星火电机项目", "醴陵经开区") in rels(extraction, "located_in")
    invest = next(r for r in extraction.relations if r.type == "invests_in")
    assert invest.attrs["amount"] == "5亿元"


def test_byline_author(extraction):
    assert ("孙小梅", "醴陵市陶瓷产业推进大会召开") in rels(extraction, "author_of")


def test_every_relation_has_evidence(extraction):
    for r in extraction.relations:
        ev = r.evidence
        assert ev.article_id == "a1" and ev.rule
        assert TEXT[ev.sentence_start : ev.sentence_end] == ev.sentence
