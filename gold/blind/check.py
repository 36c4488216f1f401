"""Validate blind gold files: ids unique, references resolve, evidence quotes verbatim.
Usage: /work/main/.venv/bin/python gold/blind/check.py"""
import json, re, sys, pathlib

HERE = pathlib.Path(__file__).resolve().parent
ETYPES = {'PER', 'ORG', 'LOC', 'EVENT', 'PROJECT'}
ENT_OBJ = {'affiliated_with', 'attended', 'chaired', 'spoke_at', 'organized', 'event_location',
           'cooperates_with', 'located_in', 'visited', 'part_of', 'invests_in'}
LIT_OBJ = {'alias', 'position', 'event_date', 'author_of'}
DATE = re.compile(r'^(\d{4}|-)-\d{2}-\d{2}$')
errors = 0

def err(f, msg):
    global errors
    errors += 1
    print(f'{f}: {msg}')

for jf in sorted(HERE.glob('*.json')):
    g = json.loads(jf.read_text(encoding='utf-8'))
    txt_path = HERE / g['document']
    if not txt_path.exists():
        err(jf.name, f'document {g["document"]} missing'); continue
    text = txt_path.read_text(encoding='utf-8')
    ids = [e['id'] for e in g['entities']]
    if len(ids) != len(set(ids)):
        err(jf.name, 'duplicate entity ids')
    ents = {e['id']: e for e in g['entities']}
    headlines = {a['headline'] for a in g['articles']}
    for a in g['articles']:
        if a['headline'] not in text: err(jf.name, f'headline not in text: {a["headline"]}')
        for au in a['authors']:
            if au not in text: err(jf.name, f'author not in text: {au}')
    for e in g['entities']:
        if e['type'] not in ETYPES: err(jf.name, f'{e["id"]} bad type')
        for s in e.get('aliases', []):
            if s not in text: err(jf.name, f'{e["id"]} alias not in text: {s}')
        if e['name'] not in text and 'note' not in e:
            err(jf.name, f'{e["id"]} name not in text and no note: {e["name"]}')
        if e['type'] == 'EVENT' and e.get('date') and not DATE.match(e['date']):
            err(jf.name, f'{e["id"]} bad date {e["date"]}')
    seen = set()
    for i, r in enumerate(g['relations']):
        key = (r['type'], r['subject'], r['object'], r.get('org'))
        if key in seen: err(jf.name, f'duplicate relation {key}')
        seen.add(key)
        if r['subject'] not in ents: err(jf.name, f'rel {i} subject unresolved {r["subject"]}')
        if r['type'] in ENT_OBJ and r['object'] not in ents:
            err(jf.name, f'rel {i} object unresolved {r["object"]}')
        if r['type'] not in ENT_OBJ | LIT_OBJ: err(jf.name, f'rel {i} unknown type {r["type"]}')
        if r['type'] == 'position':
            if 'org' not in r: err(jf.name, f'rel {i} position without org field')
            elif r['org'] is not None and r['org'] not in ents: err(jf.name, f'rel {i} org unresolved')
        if r['type'] == 'author_of' and r['object'] not in headlines:
            err(jf.name, f'rel {i} author_of object is not a headline')
        if r['type'] == 'event_date' and not DATE.match(r['object']):
            err(jf.name, f'rel {i} bad date literal')
        if r['type'] == 'alias' and r['object'] not in ents[r['subject']].get('aliases', []):
            err(jf.name, f'rel {i} alias not listed in entity aliases')
        ev = r.get('evidence', '')
        if not ev or ev not in text: err(jf.name, f'rel {i} evidence not verbatim: {ev}')
        if len(ev) > 60: err(jf.name, f'rel {i} evidence > 60 chars')
    alias_rels = {(r['subject'], r['object']) for r in g['relations'] if r['type'] == 'alias'}
    for e in g['entities']:
        for s in e.get('aliases', []):
            if (e['id'], s) not in alias_rels: err(jf.name, f'{e["id"]} alias {s} has no alias relation')
    print(f'{jf.name}: {len(g["entities"])} entities, {len(g["relations"])} relations')
print('OK' if errors == 0 else f'{errors} error(s)')
sys.exit(1 if errors else 0)
