"""Scoring on a small gold fixture written for the tests."""

import json
from pathlib import Path

from kg.eval import evaluate, score_document
from kg.eval.scoring import literal_match
from kg.records import Entity, Mention, Relation

FIXTURES = Path(__file__).parent / "fixtures"


def test_literal_matching_rules():
    assert literal_match("position", "书记", "市委书记")
    assert not literal_match("position", "市长", "书记")
    assert literal_match("event_date", "--06-02", "2021-06-02")
    assert literal_match("alias", "“星火机电”", "星火机电")


def test_score_document_counts():
    gold = {
        "document": "x.txt",
        "entities": [
            {"id": "E1", "type": "ORG", "name": "湖南星火机电有限公司", "aliases": ["星火机电"]},
            {"id": "E2", "type": "PER", "name": "周明亮"},
            {"id": "E3", "type": "LOC", "name": "醴陵市"},
        ],
        "relations": [
            {"type": "position", "subject": "E2", "object": "董事长", "org": "E1"},
            {"type": "affiliated_with", "subject": "E2", "object": "E1"},
        ],
    }
    def seen(name, label):
        return [Mention(id="m0", text=name, label=label, start=0, end=len(name), article_id="a")]

    entities = [
        Entity(id="org/a", type="ORG", name="星火机电", mentions=seen("星火机电", "ORG")),
        Entity(id="per/b", type="PER", name="周明亮", mentions=seen("周明亮", "PER")),
        Entity(id="per/c", type="PER", name="李四", mentions=seen("李四", "PER")),
        Entity(id="loc/d", type="LOC", name="湖南省"),  # from the division table: not scored
    ]
    relations = [
        Relation(type="position", subject="per/b", object=None, literal="星火机电董事长"),
        Relation(type="affiliated_with", subject="per/c", object="org/a"),
    ]
    score = score_document(gold, entities, relations)
    assert (score.entities["ORG"].tp, score.entities["PER"].tp, score.entities["PER"].fp) == (1, 1, 1)
    assert score.entities["LOC"].fn == 1
    assert score.relations["position"].tp == 1
    assert score.relations["affiliated_with"].fn == 1 and score.relations["affiliated_with"].fp == 1


def test_evaluate_runs_the_pipeline_on_the_named_document(tmp_path):
    report = evaluate([FIXTURES / "composed.json"], inputs=[FIXTURES])
    doc = report.documents[0]
    assert doc.error is None
    assert report.entity_micro.tp >= 4
    assert report.relation_scores["position"].tp >= 1


def test_missing_document_is_reported(tmp_path):
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"document": "nope.txt", "entities": [], "relations": []}), encoding="utf-8")
    report = evaluate([gold], inputs=[tmp_path])
    assert report.documents[0].error and "nope.txt" in report.documents[0].error


def test_cli_eval_prints_scores_and_writes_json(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", "--gold", str(FIXTURES / "composed.json"), "--json", str(out),
                                      str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["entity_micro"]["tp"] >= 4


def test_cli_eval_reports_missing_gold(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path / "none.json")])
    assert result.exit_code == 2


def test_loose_title_matches_are_assigned_to_find_the_most_facts():
    # 副厅长 ends with 厅长: a greedy scorer lets the gold 厅长 take the predicted 副厅长 and then misses both
    gold = {
        "document": "x.txt",
        "entities": [{"id": "E1", "type": "PER", "name": "赵志远"}],
        "relations": [
            {"type": "position", "subject": "E1", "object": "厅长"},
            {"type": "position", "subject": "E1", "object": "副厅长"},
        ],
    }
    person = Entity(id="per/a", type="PER", name="赵志远",
                    mentions=[Mention(id="m0", text="赵志远", label="PER", start=0, end=3, article_id="a")])
    relations = [
        Relation(type="position", subject="per/a", object=None, literal="省交通厅副厅长"),
        Relation(type="position", subject="per/a", object=None, literal="省水利厅厅长"),
    ]
    score = score_document(gold, [person], relations)
    assert (score.relations["position"].tp, score.relations["position"].fp, score.relations["position"].fn) == (2, 0, 0)
