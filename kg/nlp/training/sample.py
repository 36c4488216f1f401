"""The tiny training sample shipped in kg/nlp/training/smoke_corpora/: what `kg train … --smoke` reads.

Synthetic news sentences, composed from templates and small word lists (no text of the real corpora), written
in the four corpora's own formats and folder layout, so the same readers (`kg.nlp.training.corpora`) take them:

    pd199801/199801.txt                      word/pos, names cut into surname + given name (PKU standard)
    sighan2008-sxu-cws/train.txt             words separated by spaces, names whole (SXU standard)
    msra-ner/msra_ner_train.char.bio.gz      one character and its BIO tag a line (PER LOC ORG)
    cluener2020/train.json                   one JSON record a line (name, company, government, address, position)

It exercises every training stage in seconds; the models it gives are useless. Regenerate with
`python -m kg.nlp.training.sample` (deterministic).
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent / "smoke_corpora"

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林曹谭彭"
_GIVEN = ["建国", "明华", "伟", "芳", "志强", "红梅", "东林", "海涛", "慧泉", "腾飞", "雪峰", "军", "丽", "国平"]
_PLACES = ["株洲市", "长沙市", "湘潭市", "芦淞区", "天元区", "醴陵市", "攸县", "茶陵县", "湖南省", "衡阳市"]
# (name, CLUENER class): MSRA and 199801 call them all ORG / nt
_ORGS = [("中车株洲所", "company"), ("株洲市政府", "government"), ("湖南工业大学", "organization"),
         ("株洲市委", "government"), ("中国中车", "company"), ("湘潭大学", "organization"), ("长沙银行", "company"),
         ("株洲市发改委", "government"), ("轨道交通产业协会", "organization")]
_TITLES = ["董事长", "市长", "书记", "教授", "总经理", "院长", "副市长", "主任"]

# A template is a list of slots (PER, LOC, ORG, TITLE) and literal (word, pos) pairs.
_TEMPLATES = [
    ["LOC", "ORG", "TITLE", "PER", ("出席", "v"), ("了", "u"), ("会议", "n"), ("。", "w")],
    ["PER", ("在", "p"), "LOC", ("考察", "v"), "ORG", ("。", "w")],
    ["ORG", ("与", "p"), "ORG", ("签署", "v"), ("合作", "vn"), ("协议", "n"), ("。", "w")],
    ["TITLE", "PER", ("主持", "v"), ("会议", "n"), ("并", "c"), ("讲话", "v"), ("。", "w")],
    ["LOC", ("召开", "v"), ("轨道", "n"), ("交通", "n"), ("产业", "n"), ("发展", "vn"), ("大会", "n"), ("。", "w")],
    [("记者", "n"), "PER", ("报道", "v"), ("，", "w"), "ORG", ("发布", "v"), ("新型", "b"), ("列车", "n"), ("。", "w")],
    ["ORG", "TITLE", "PER", ("表示", "v"), ("，", "w"), ("将", "d"), ("加快", "v"), ("项目", "n"), ("建设", "vn"),
     ("。", "w")],
    ["PER", ("和", "c"), "PER", ("一起", "d"), ("参加", "v"), ("了", "u"), ("在", "p"), "LOC", ("举行", "v"),
     ("的", "u"), ("论坛", "n"), ("。", "w")],
    ["LOC", ("位于", "v"), "LOC", ("，", "w"), ("是", "v"), ("重要", "a"), ("的", "u"), ("工业", "n"), ("城市", "n"),
     ("。", "w")],
    [("今天", "t"), ("上午", "t"), ("，", "w"), "ORG", ("在", "p"), "LOC", ("举行", "v"), ("签约", "vn"), ("仪式", "n"),
     ("。", "w")],
]

# One sentence: [(word, pos, label, cluener class)], label PER/LOC/ORG/TITLE or None.
Token = tuple[str, str, str | None, str | None]


def _fill(slot, rng: random.Random) -> list[Token]:
    if isinstance(slot, tuple):
        return [(slot[0], slot[1], None, None)]
    if slot == "PER":  # 199801 cuts a name: 李/nr 东林/nr
        return [(rng.choice(_SURNAMES), "nr", "PER", "name"), (rng.choice(_GIVEN), "nr", "PER", "name")]
    if slot == "LOC":
        return [(rng.choice(_PLACES), "ns", "LOC", "address")]
    if slot == "ORG":
        name, kind = rng.choice(_ORGS)
        return [(name, "nt", "ORG", kind)]
    return [(rng.choice(_TITLES), "n", "TITLE", "position")]


def sentences(n: int, seed: int) -> list[list[Token]]:
    rng = random.Random(seed)
    return [[token for slot in rng.choice(_TEMPLATES) for token in _fill(slot, rng)] for _ in range(n)]


def _words(sentence: list[Token]) -> list[str]:
    """SXU's words: a name is one word."""
    words: list[str] = []
    for i, (word, _, label, _) in enumerate(sentence):
        if label == "PER" and i and sentence[i - 1][2] == "PER" and sentence[i - 1][1] == "nr" and words:
            words[-1] += word
        else:
            words.append(word)
    return words


def _spans(sentence: list[Token], title: bool) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The text and its entity spans (start, end, label, CLUENER class); the two halves of a name are one span."""
    text, spans = "", []
    for word, _, label, kind in sentence:
        start, text = len(text), text + word
        if label is None or (label == "TITLE" and not title):
            continue
        if spans and label == "PER" and spans[-1][2] == "PER" and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], len(text), label, kind)
        else:
            spans.append((start, len(text), label, kind))
    return text, spans


def _bio(sentence: list[Token]) -> str:
    text, spans = _spans(sentence, title=False)  # MSRA has no TITLE
    tags = ["O"] * len(text)
    for start, end, label, _ in spans:
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return "".join(f"{char}\t{tag}\n" for char, tag in zip(text, tags)) + "\n"


def _cluener(sentence: list[Token]) -> str:
    text, spans = _spans(sentence, title=True)
    label: dict[str, dict[str, list[list[int]]]] = {}
    for start, end, _, kind in spans:
        label.setdefault(kind, {}).setdefault(text[start:end], []).append([start, end - 1])  # inclusive ends
    return json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n"


def write_sample(folder: Path = SAMPLE_DIR) -> Path:
    """Write the four corpora. 199801 needs room for its held-out tail, pkuseg's 300-sentence dev and training."""
    files = {
        "pd199801/199801.txt": "".join(" ".join(f"{w}/{p}" for w, p, *_ in s) + "\n" for s in sentences(500, 1)),
        "sighan2008-sxu-cws/train.txt": "".join(" ".join(_words(s)) + "\n" for s in sentences(120, 2)),
        "cluener2020/train.json": "".join(_cluener(s) for s in sentences(120, 4)),
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    msra = folder / "msra-ner" / "msra_ner_train.char.bio.gz"
    msra.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(msra, "wb", mtime=0) as fh:  # mtime 0: the same bytes every time
        fh.write("".join(_bio(s) for s in sentences(200, 3)).encode("utf-8"))
    return folder


if __name__ == "__main__":
    print(write_sample())
