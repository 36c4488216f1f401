"""graph.graphml written without networkx (kg.graph.nx.write_corpus_graphml): the bytes networkx's writer gives."""

from __future__ import annotations

import copy

import pytest

from kg.graph.nx import to_networkx, write_corpus_graphml, write_graphml
from kg.records import Corpus
from tests.graph.graph_corpus import make_corpus


def _outcome(write, path):
    try:
        write(path)
    except Exception as error:  # what networkx refuses (a control character, a None value) both refuse alike
        return type(error)
    return path.read_bytes()


def _same(corpus: Corpus, tmp_path) -> None:
    theirs = _outcome(lambda p: write_graphml(to_networkx(corpus), p), tmp_path / "nx.graphml")
    mine = _outcome(lambda p: write_corpus_graphml(corpus, p), tmp_path / "plain.graphml")
    assert mine == theirs


def test_the_plain_writer_writes_networkx_bytes(tmp_path):
    _same(make_corpus(), tmp_path)


@pytest.mark.parametrize("odd", ['a"b&c<d>e\'f', "line\nbreak", "tab\there", "cr\rhere", "del\x7f nel\x85 ls\u2028",
                                 "bell\x07", "😀 &amp; ]]>", ""])
def test_odd_names_and_ids(tmp_path, odd):
    corpus = copy.deepcopy(make_corpus())
    renamed = {}
    for n, entity in enumerate(corpus.entities):
        if n % 2 == 0:
            entity.name = entity.name + odd
            entity.aliases = [*entity.aliases, odd + "别名"]
        if n % 3 == 0:
            renamed[entity.id] = entity.id + odd + str(n)
            entity.id = renamed[entity.id]
    for relation in corpus.relations:
        relation.subject = renamed.get(relation.subject, relation.subject)
        relation.object = renamed.get(relation.object, relation.object)
        if relation.literal:
            relation.literal += odd
        for evidence in relation.evidence:
            evidence.sentence += odd
    _same(corpus, tmp_path)


def test_empty_and_edgeless_graphs(tmp_path):
    corpus = make_corpus()
    _same(Corpus(documents=corpus.documents), tmp_path)
    _same(Corpus(documents=corpus.documents, entities=corpus.entities), tmp_path)


def test_an_unusual_value_type_falls_back(tmp_path):
    corpus = copy.deepcopy(make_corpus())
    corpus.entities[0].attrs["division_code"] = 430200  # str()'d by to_networkx: still plain
    corpus.entities[1].name = 7  # an int label: another key for it, as networkx gives it
    _same(corpus, tmp_path)
    corpus.entities[2].name = None  # a None label: networkx refuses it, and so does the plain writer
    _same(corpus, tmp_path)
