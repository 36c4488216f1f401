"""Score kg against gold annotation files (shared gold-format.md): P/R/F1 per entity and relation type.

    from kg.eval import evaluate
    report = evaluate(["gold/seeds"], inputs=["seeds"])
    report.entity_micro.f1, report.relation_micro.f1

Matching: an entity matches a gold entity of the same type when their name/alias sets overlap after normalisation
(spaces, quotes and bracket shapes ignored; one-to-one). A relation matches when the type is equal, the subject
maps to the matched entity, and the object maps to the matched entity (either order for symmetric types) or the
literal agrees: dates agree on the day (--05-09 ~ 2020-05-09), titles agree when one ends with the other
(市委书记 ~ 书记: the org prefix is optional), headlines/aliases after normalisation.
"""

from kg.eval.scoring import (
    DocumentScore,
    EvalReport,
    Score,
    evaluate,
    load_gold,
    score_document,
)

__all__ = ["evaluate", "score_document", "load_gold", "EvalReport", "DocumentScore", "Score"]
