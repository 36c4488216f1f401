"""People across documents: one person unless the contexts conflict; a move of post stays one person."""

from __future__ import annotations

import pytest

from kg.extract import extract_articles, load_pipeline
from kg.records import Article
from kg.resolve import resolve


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _resolve(nlp, texts: dict[str, str]):
    articles = [Article(id=f"{doc}#0", document_id=doc, index=0, headline="", text=text)
                for doc, text in texts.items()]
    return resolve(extract_articles(nlp, articles))


def _people(entities, name):
    return [e for e in entities if e.type == "PER" and e.name == name]


def test_same_name_in_one_document_is_one_person(nlp):
    entities, _ = _resolve(nlp, {"d1": "长沙市市长周建明主持会议。周建明强调，要抓好项目建设。"})
    assert len(_people(entities, "周建明")) == 1


def test_a_move_of_post_in_one_province_is_one_person(nlp):
    entities, relations = _resolve(nlp, {
        "d1": "长沙市副市长周建明出席签约仪式。",
        "d2": "湘潭市委书记周建明来到湘潭经开区调研。",
    })
    people = _people(entities, "周建明")
    assert len(people) == 1
    posts = {r.literal for r in relations if r.type == "position" and r.subject == people[0].id}
    assert any(p.endswith("副市长") for p in posts) and any(p.endswith("市委书记") for p in posts)


def test_namesakes_in_different_provinces_are_kept_apart(nlp):
    entities, _ = _resolve(nlp, {
        "d1": "长沙市副市长周建明出席签约仪式。",
        "d2": "广州市白云区区长周建明来到白云区人和镇调研。",
    })
    assert len(_people(entities, "周建明")) == 2


def test_a_reporter_and_an_official_of_one_name_are_two_people(nlp):
    entities, _ = _resolve(nlp, {
        "d1": "长沙市副市长周建明出席签约仪式。",
        "d2": "记者 周建明\n长沙市开福区举行招商推介会，多家企业签约。",
    })
    assert len(_people(entities, "周建明")) == 2


def test_shared_body_joins_across_provinces(nlp):
    entities, _ = _resolve(nlp, {
        "d1": "中国中车股份有限公司董事长周建明在长沙出席签约仪式。",
        "d2": "中国中车股份有限公司董事长周建明在广州出席论坛。",
    })
    assert len(_people(entities, "周建明")) == 1
