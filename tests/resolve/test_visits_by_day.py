"""Visits told on several days of one article are several visits; the phrases of one visit stay one."""

import pytest

from kg.extract import extract_articles, load_pipeline
from kg.records import Article
from kg.resolve import resolve


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _visits(nlp, text: str) -> list[str]:
    ex = extract_articles(nlp, [Article(id="t#0", document_id="t", index=0, headline="", text=text,
                                        date="2023-11-15")])[0]
    entities, _ = resolve([ex])
    return sorted(e.name for e in entities if e.type == "EVENT" and e.subtype == "visit" or
                  e.type == "EVENT" and "调研" in e.name)


def test_visits_on_different_days_are_different_visits(nlp):
    text = "9月19日，周正华在岳阳调研产业发展。\n10月9日，周正华在常德调研产业发展。"
    assert len(_visits(nlp, text)) == 2


def test_the_phrases_of_one_visit_are_one_visit(nlp):
    text = "9月19日，周正华在岳阳调研产业发展。在岳阳调研期间，周正华来到华星电子有限公司。"
    assert len(_visits(nlp, text)) == 1
