"""Lexical attributes suited to Chinese words, installed through spaCy's `after_creation` callback.

spaCy's defaults (PREFIX = first char, SUFFIX = last 3 chars) are made for alphabetic scripts; for Chinese
words the last character carries the type (…市, …省, …部, …公司→司, …长, …员) and the first the family name
or place. The NER's MultiHashEmbed reads PREFIX/SUFFIX, so the pipeline config names this callback and
`spacy.load` reinstalls it.
"""

from __future__ import annotations

from spacy.attrs import PREFIX, SUFFIX
from spacy.util import registry


def first_char(string: str) -> str:
    return string[:1]


def last_char(string: str) -> str:
    return string[-1:]


@registry.callbacks("kg.chinese_lex_attrs.v1")
def create_chinese_lex_attrs():
    def install(nlp):
        nlp.vocab.lex_attr_getters[PREFIX] = first_char
        nlp.vocab.lex_attr_getters[SUFFIX] = last_char
        return nlp

    return install
