import pytest
from pyoxigraph import NamedNode

from kg.graph.iris import MAX_SEGMENT, IriMinter, encode_segment, normalize_base

HOSTILE_NAMES = ['<img src=x onerror=alert(1)>', 'a"b', "line\nbreak", "tab\there", "{}|^`\\", "50%", "a b",
                 "中车株洲所（简称）", "x/y", "#frag?q=1", "\x00\x07", "\ud800"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_give_valid_iris(name):
    iri = IriMinter().entity(f"per/{name}", "PER")
    NamedNode(iri)  # raises on an invalid IRI
    tail = iri[len("https://kg.example.org/person/"):]
    assert not set(tail) & set('<>"{}|^`\\ \n\t#?')


def test_readable_and_stable():
    minter = IriMinter()
    assert minter.entity("org/中车株洲电力机车研究所有限公司", "ORG") == \
        "https://kg.example.org/org/中车株洲电力机车研究所有限公司"
    assert IriMinter().entity("org/中车株洲所", "ORG") == IriMinter().entity("org/中车株洲所", "ORG")
    assert minter.entity("E7", "LOC") == "https://kg.example.org/place/E7"
    assert minter.article("doc/1") == "https://kg.example.org/article/doc%2F1"


def test_encoding_is_injective_on_tricky_pairs():
    pairs = [("a%20b", "a b"), ("a/b", "a%2Fb"), ("..", "%2E%2E"), ("", "_")]
    for left, right in pairs:
        assert encode_segment(left) != encode_segment(right)


def test_long_names_are_cut_with_a_hash():
    long_a, long_b = "长" * 300, "长" * 299 + "短"
    assert len(encode_segment(long_a)) <= MAX_SEGMENT
    assert encode_segment(long_a) != encode_segment(long_b)


def test_type_prefix_collisions_are_resolved():
    minter = IriMinter()
    first = minter.entity("org/X", "ORG")
    second = minter.entity("X", "ORG")
    assert first != second and minter.entity("org/X", "ORG") == first


def test_base_iri():
    assert IriMinter("http://example.com/kg").entity("per/a", "PER") == "http://example.com/kg/person/a"
    assert normalize_base("urn:x:") == "urn:x:/"
    for bad in ["not a base", "relative/path/", "http://a b/"]:
        with pytest.raises(ValueError):
            normalize_base(bad)


def test_fact_iris_spell_the_statement():
    minter = IriMinter()
    person = minter.entity("per/张三", "PER")
    org = minter.entity("org/中车株洲所", "ORG")
    assert minter.fact("position", person, literal="董事长", org=org) == \
        "https://kg.example.org/fact/position/person:张三/董事长/org:中车株洲所"
    assert minter.fact("affiliated_with", person, org) == "https://kg.example.org/fact/affiliated_with/person:张三/org:中车株洲所"
    with pytest.raises(ValueError):
        minter.fact("position", "https://elsewhere.example/person/x")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_fact_iris_stay_valid_and_distinct_for_hostile_parts(name):
    minter = IriMinter()
    person, place = minter.entity(f"per/{name}", "PER"), minter.entity(f"loc/{name}", "LOC")
    facts = {
        minter.fact("alias", person, literal=name or "x"),
        minter.fact("alias", person, literal=f"{name}/org:x"),  # a literal that looks like an entity segment
        minter.fact("located_in", person, place),
        minter.fact("position", person, literal="x", org=place),
        minter.fact("position", person, place, literal="x"),
    }
    for iri in facts:
        NamedNode(iri)
    assert len(facts) == 5


def test_letters_and_digits_are_their_own_encoding_as_isalnum_says():
    """encode_segment keeps a text for which str.isalnum() holds as it is: true of every such character."""
    import sys

    from kg.graph.iris import _encode_char

    odd = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isalnum() and _encode_char.__wrapped__(c) != c]
    assert odd == []
