"""Well-known entities in hand-written news sentences must reach the resolved graph with the right type.

`data/wellknown_sentences.jsonl` holds 60 Xinhua-style sentences written independently of kg's lexicons and
training data, each listing the PER/ORG/LOC entities a careful reader would annotate (national and foreign
organisations, countries, capitals, regions, Chinese provinces and cities, national and foreign leaders, and
ordinary invented Chinese names, compound surnames included). Each sentence is extracted and resolved on its own;
an entity counts as found when some resolved Entity of the same type has it as its name or one of its aliases
(spaces removed). Every miss is collected and reported in one assertion.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "kg" / "nlp" / "models" / "zh_kg"
DATA = Path(__file__).resolve().parent / "data" / "wellknown_sentences.jsonl"
TYPES = {"PER", "ORG", "LOC"}

pytestmark = pytest.mark.skipif(
    not MODEL_DIR.is_dir(),
    reason=f"trained model directory {MODEL_DIR.relative_to(REPO)} does not exist (build it with `kg train`)",
)


def _norm(s: str) -> str:
    return "".join(s.split())


def _load_cases() -> list[dict]:
    cases = []
    with DATA.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                cases.append(json.loads(line))
    return cases


CASES = _load_cases()


@pytest.fixture(scope="module")
def nlp():
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def resolved(nlp):
    """(1-based sentence number -> resolved entities, extraction problems); each sentence extracted and resolved on
    its own. Problems (an article whose NLP failed) are reported with the misses rather than raised here."""
    from kg.extract import extract_articles
    from kg.records import Article
    from kg.resolve import resolve

    articles = [
        Article(id=f"t{i}", document_id=f"t{i}", index=0, headline="", text=case["text"])
        for i, case in enumerate(CASES, 1)
    ]
    problems: list = []
    extractions = extract_articles(nlp, articles, problems=problems)
    assert len(extractions) == len(articles)
    out = {}
    for i, extraction in enumerate(extractions, 1):
        entities, _relations = resolve([extraction])
        out[i] = entities
    return out, problems


def test_data_is_well_formed():
    assert len(CASES) == 60
    names = set()
    for i, case in enumerate(CASES, 1):
        assert case["text"].strip(), f"sentence {i} is empty"
        assert case["entities"], f"sentence {i} lists no entities"
        for ent in case["entities"]:
            assert ent["type"] in TYPES, f"sentence {i}: bad type {ent}"
            assert ent["name"] in case["text"], f"sentence {i}: {ent['name']!r} not in its text"
            names.add(ent["name"])
    assert len(names) >= 50


def _forms(entity) -> set[str]:
    return {_norm(entity.name)} | {_norm(a) for a in (entity.aliases or [])}


def _describe_instead(name: str, entities) -> str:
    """What the graph holds instead of `name`: same-name entities of another type, overlapping names, else all."""
    related = []
    for e in entities:
        forms = _forms(e)
        if any(name in f or (f and f in name) for f in forms):
            related.append(e)
    shown = related or list(entities)
    label = "overlapping" if related else "all found"
    if not shown:
        return "nothing resolved in this sentence"
    parts = []
    for e in shown:
        aliases = [a for a in (e.aliases or []) if _norm(a) != _norm(e.name)]
        parts.append(f"{e.type}:{e.name}" + (f" (aliases {'/'.join(aliases)})" if aliases else ""))
    return f"{label}: " + ", ".join(parts)


FOUND_FLOOR = 0.95  # 195 of 211 found when the floor was set (2026-12-06); 205 of 211 at the raise (session 14)


def test_wellknown_entities_are_resolved_with_their_type(resolved):
    by_sentence, problems = resolved
    misses = []
    total = 0
    for i, case in enumerate(CASES, 1):
        entities = by_sentence[i]
        for ent in case["entities"]:
            total += 1
            name, typ = _norm(ent["name"]), ent["type"]
            if any(e.type == typ and name in _forms(e) for e in entities):
                continue
            misses.append(
                f"  #{i:02d} {typ}:{ent['name']}  -- {_describe_instead(name, entities)}\n"
                f"       text: {case['text']}"
            )
    report = f"{len(misses)} of {total} well-known entities missed:\n" + "\n".join(misses)
    if problems:
        reasons = sorted({getattr(p, "reason", str(p)).split(": ", 1)[-1] for p in problems})
        report += f"\n{len(problems)} sentence(s) had extraction problems:\n" + "\n".join(f"  {r}" for r in reasons)
    # A floor, not perfection: what is left is the NER model's recall on names it never saw (习近平 before 总书记,
    # 屠呦呦, 马斯克) — issue 20. Raise the floor as the model improves; the report lists every miss.
    assert not problems, report
    assert (total - len(misses)) / total >= FOUND_FLOOR, report
