"""Gold loading, matching and scoring (see kg/eval/__init__.py for the matching rules)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.dates import same_date
from kg.extract.lexicon import fix_artefacts
from kg.records import Entity, Relation
from kg.vocab import relation_types

MICRO_ENTITY_TYPES = ("PER", "ORG", "LOC", "EVENT")
_NORMALISE = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"', "‘": "'", "’": "'", "·": "", "•": "", "・": ""})


def norm(text: str | None) -> str:
    """Compare names as a reader would: artefacts fixed (绿口 → 渌口), spaces, quotes and bracket shapes ignored."""
    text = fix_artefacts(text or "").translate(_NORMALISE)
    return re.sub(r"[\s\"'《》「」『』]", "", text).lower()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocumentScore:
    gold_path: str
    document: str
    entities: dict[str, Score] = field(default_factory=dict)
    relations: dict[str, Score] = field(default_factory=dict)
    entity_misses: list[str] = field(default_factory=list)
    entity_false: list[str] = field(default_factory=list)
    relation_misses: list[str] = field(default_factory=list)
    relation_false: list[str] = field(default_factory=list)
    vetoes: dict[str, int] = field(default_factory=dict)  # model spans the extraction gate dropped, by reason
    error: str | None = None


@dataclass
class EvalReport:
    documents: list[DocumentScore] = field(default_factory=list)

    def _total(self, attr: str) -> dict[str, Score]:
        total: dict[str, Score] = defaultdict(Score)
        for d in self.documents:
            for t, s in getattr(d, attr).items():
                total[t].add(s)
        return dict(sorted(total.items()))

    @property
    def entity_scores(self) -> dict[str, Score]:
        return self._total("entities")

    @property
    def relation_scores(self) -> dict[str, Score]:
        return self._total("relations")

    @property
    def vetoes(self) -> dict[str, int]:
        """How many model entity spans the gate dropped, by reason ("PER per:unlikely_name": 12)."""
        total: dict[str, int] = defaultdict(int)
        for d in self.documents:
            for reason, n in d.vetoes.items():
                total[reason] += n
        return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def entity_micro(self) -> Score:
        total = Score()
        for t, s in self.entity_scores.items():
            if t in MICRO_ENTITY_TYPES:
                total.add(s)
        return total

    @property
    def relation_micro(self) -> Score:
        total = Score()
        for s in self.relation_scores.values():
            total.add(s)
        return total

    def as_dict(self) -> dict:
        return {
            "entity_micro": self.entity_micro.as_dict(),
            "relation_micro": self.relation_micro.as_dict(),
            "entities": {t: s.as_dict() for t, s in self.entity_scores.items()},
            "relations": {t: s.as_dict() for t, s in self.relation_scores.items()},
            "vetoes": self.vetoes,
            "documents": [
                {"gold": d.gold_path, "document": d.document, "error": d.error,
                 "entities": {t: s.as_dict() for t, s in d.entities.items()},
                 "relations": {t: s.as_dict() for t, s in d.relations.items()},
                 "entity_misses": d.entity_misses, "entity_false": d.entity_false,
                 "relation_misses": d.relation_misses, "relation_false": d.relation_false,
                 "vetoes": d.vetoes}
                for d in self.documents
            ],
        }


# --------------------------------------------------------------------------- gold


HALVES = ("all", "odd", "even")


def gold_files(paths: Sequence[str | Path], half: str = "all") -> list[Path]:
    """The gold files under `paths`; `half` odd/even keeps those whose file number is odd/even (realnews-dev: odd
    numbers tune, even numbers report). A file without a number belongs to neither half."""
    if half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.rglob("*.json"))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no gold file or folder at {p}")
    if half != "all":
        parity = 1 if half == "odd" else 0
        files = [f for f in files if (n := re.search(r"(\d+)$", f.stem)) and int(n.group(1)) % 2 == parity]
    return files


def load_gold(path: str | Path) -> dict:
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from error
    if not isinstance(gold, dict) or "document" not in gold or "entities" not in gold:
        raise ValueError(f"{path}: not a gold file (needs 'document' and 'entities')")
    gold.setdefault("relations", [])
    return gold


def find_document(gold_path: Path, name: str, inputs: Sequence[str | Path]) -> Path | None:
    for root in [*map(Path, inputs), gold_path.parent]:
        if root.is_file() and root.name == name:
            return root
        if root.is_dir():
            direct = root / name
            if direct.is_file():
                return direct
            found = sorted(root.rglob(name))
            if found:
                return found[0]
    return None


# --------------------------------------------------------------------------- matching


def _names(entity: dict | Entity) -> set[str]:
    if isinstance(entity, Entity):
        forms = [entity.name, *entity.aliases]
    else:
        forms = [entity.get("name", ""), *entity.get("aliases", [])]
    return {norm(f) for f in forms if norm(f)}


def match_entities(gold: list[dict], predicted: list[Entity]) -> dict[str, str]:
    """gold id → predicted entity id, one-to-one; exact canonical names first, then any name/alias overlap."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for stage in ("name", "overlap"):
        for g in gold:
            if g["id"] in mapping:
                continue
            g_names = _names(g)
            g_name = norm(g.get("name"))
            for p in predicted:
                if p.id in used or p.type != g.get("type"):
                    continue
                hit = norm(p.name) == g_name if stage == "name" else bool(_names(p) & g_names)
                if hit:
                    mapping[g["id"]] = p.id
                    used.add(p.id)
                    break
    return mapping


def literal_match(type_: str, gold: str, predicted: str | None) -> bool:
    if predicted is None:
        return False
    g, p = norm(gold), norm(predicted)
    if type_ == "event_date":
        return same_date(gold.strip(), predicted.strip())
    if type_ == "position":
        return bool(g and p) and (g == p or g.endswith(p) or p.endswith(g))
    if type_ == "author_of":
        return bool(g and p) and (g == p or g in p or p in g)
    return g == p


def _gold_object(rel: dict, gold_ids: set[str]) -> tuple[str | None, str | None]:
    obj = rel.get("object")
    if isinstance(obj, str) and obj in gold_ids:
        return obj, None
    return None, None if obj is None else str(obj)


def _max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """gold index → predicted index, as many pairs as possible (Kuhn's augmenting paths): a loose literal match
    (党组书记 ~ …厅党组书记) must not take the predicted fact another gold fact needs (副厅长 for 厅长 and 副厅长).
    A candidate -1 is a fact found without a predicted relation."""
    owner: dict[int, int] = {}

    def assign(g: int, seen: set[int]) -> bool:
        for k in candidates[g]:
            if k in seen:
                continue
            seen.add(k)
            if k == -1 or k not in owner or assign(owner[k], seen):
                if k != -1:
                    owner[k] = g
                return True
        return False

    matched = {}
    for g in range(len(candidates)):
        if assign(g, set()):
            matched[g] = -1
    for k, g in owner.items():
        matched[g] = k
    return matched


def score_document(gold: dict, entities: list[Entity], relations: list[Relation], gold_path: str = "") -> DocumentScore:
    result = DocumentScore(gold_path=gold_path, document=gold["document"])
    # entities the text does not mention (parents added from the division table) are not read from the text
    entities = [e for e in entities if e.mentions]
    gold_entities = gold["entities"]
    by_gold_id = {g["id"]: g for g in gold_entities}
    mapping = match_entities(gold_entities, entities)
    matched_pred = set(mapping.values())
    for g in gold_entities:
        score = result.entities.setdefault(g["type"], Score())
        if g["id"] in mapping:
            score.tp += 1
        else:
            score.fn += 1
            result.entity_misses.append(f"{g['type']} {g['name']}")
    for p in entities:
        if p.id not in matched_pred:
            result.entities.setdefault(p.type, Score()).fp += 1
            result.entity_false.append(f"{p.type} {p.name}")

    symmetric = {t for t, rt in relation_types().items() if rt.symmetric}
    pred_name = {e.id: e.name for e in entities}
    gold_of_pred = {p: g for g, p in mapping.items()}
    # an alias is a surface form of the entity; when one side keeps that form as the canonical name instead, the
    # fact is still in the graph: gold "alias X → S" with S the predicted name is found, a predicted alias equal
    # to the gold name is no false hit
    remaining = [
        k for k, p in enumerate(relations)
        if not (p.type == "alias" and p.subject in gold_of_pred
                and norm(p.literal) == norm(by_gold_id[gold_of_pred[p.subject]].get("name")))
    ]
    gold_ids = set(by_gold_id)
    candidates: list[list[int]] = []
    for rel in gold["relations"]:
        t = rel["type"]
        subject = mapping.get(rel.get("subject"))
        g_obj, g_literal = _gold_object(rel, gold_ids)
        obj = mapping.get(g_obj) if g_obj else None
        if t == "alias" and subject is not None and norm(g_literal) == norm(pred_name.get(subject)):
            candidates.append([-1])  # found as the entity's canonical name: needs no predicted relation
            continue
        found = []
        for k in remaining:
            p = relations[k]
            if p.type != t or subject is None:
                continue
            if g_obj is not None:
                same = p.subject == subject and p.object == obj
                swapped = t in symmetric and p.subject == obj and p.object == subject
                ok = obj is not None and (same or swapped)
            else:
                ok = p.subject == subject and literal_match(t, g_literal or "", p.literal or p.object)
            if ok:
                found.append(k)
        candidates.append(found)
    matched = _max_matching(candidates)
    for g_index, rel in enumerate(gold["relations"]):
        t = rel["type"]
        score = result.relations.setdefault(t, Score())
        if g_index in matched:
            score.tp += 1
        else:
            score.fn += 1
            g_obj, g_literal = _gold_object(rel, gold_ids)
            s_name = by_gold_id.get(rel.get("subject"), {}).get("name", rel.get("subject"))
            o_name = by_gold_id[g_obj]["name"] if g_obj else g_literal
            result.relation_misses.append(f"{t} {s_name} → {o_name}")
    used = {k for k in matched.values() if k >= 0}
    remaining = [k for k in remaining if k not in used]
    for k in remaining:
        p = relations[k]
        result.relations.setdefault(p.type, Score()).fp += 1
        o_name = pred_name.get(p.object, p.object) if p.object else p.literal
        result.relation_false.append(f"{p.type} {pred_name.get(p.subject, p.subject)} → {o_name}")
    return result


# --------------------------------------------------------------------------- run


def evaluate(gold_paths: Sequence[str | Path], inputs: Sequence[str | Path] | None = None, nlp=None,
             progress=None, half: str = "all") -> EvalReport:
    """Run ingest → extract → resolve on the document of each gold file and score it."""
    from kg.extract import extract_articles, load_pipeline
    from kg.ingest import ingest
    from kg.paths import seeds_dir
    from kg.resolve import resolve

    inputs = list(inputs) if inputs else [seeds_dir()]
    report = EvalReport()
    files = gold_files(gold_paths, half)
    for k, path in enumerate(files, 1):
        try:
            gold = load_gold(path)
        except ValueError as error:
            report.documents.append(DocumentScore(gold_path=str(path), document="?", error=str(error)))
            continue
        source = find_document(path, gold["document"], inputs)
        if source is None:
            report.documents.append(DocumentScore(gold_path=str(path), document=gold["document"],
                                                  error=f"document {gold['document']} not found in the inputs"))
            continue
        ingested = ingest([source])
        articles = [a for d in ingested.documents for a in d.articles]
        if nlp is None:
            nlp = load_pipeline()
        extractions = extract_articles(nlp, articles)
        entities, relations = resolve(extractions)
        scored = score_document(gold, entities, relations, gold_path=str(path))
        for ex in extractions:
            for label, _, reason in ex.vetoes:
                scored.vetoes[f"{label} {reason}"] = scored.vetoes.get(f"{label} {reason}", 0) + 1
        report.documents.append(scored)
        if progress is not None:
            progress("eval", k, len(files))
    return report
