"""RDF figures on a synthetic ≥1M-triple graph shaped like a real build (reproducible: fixed seed).

    .venv/bin/python bench/rdf_bench.py                 # ~1.2M triples
    .venv/bin/python bench/rdf_bench.py --scale 0.1     # quick look
    .venv/bin/python bench/rdf_bench.py --no-rdflib     # skip the (slow) rdflib round-trip check

Synthesises a Corpus (people with posts, organisations, nested places, events with attendees/chairs/
speakers/organisers, cooperation, investments, evidence sentences), maps it with kg.graph.mapping, and prints:
mapping time, Turtle export and parse throughput (pyoxigraph), rdflib vs pyoxigraph triple counts, cold
load time, and the time of every named query in queries/*.rq (first run and median of warm runs; a query's
time includes iterating over all its rows in Python, as `kg query` does).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.records import Article, Corpus, Document, Entity, Evidence, Mention, Relation  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红文辉玉兰志明海燕小宁卫东腾飞慧泉东林春雷"
ORG_WORDS = ["电力机车", "轨道交通", "新材料", "智能制造", "硬质合金", "齿轮", "电机", "航空动力", "陶瓷", "服饰"]
ORG_KINDS = [("有限公司", "company"), ("研究所", "research"), ("职业技术学院", "education"), ("局", "government"),
             ("协会", "association"), ("委员会", "party")]
TITLES = ["董事长", "总经理", "党委书记", "市长", "副市长", "区委书记", "所长", "院长", "局长", "秘书长"]
EVENTS = ["推进大会", "签约仪式", "座谈会", "论坛", "对接会", "博览会", "培训班", "发布会"]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def synthesise(scale: float = 1.0, seed: int = 7) -> Corpus:
    rng = random.Random(seed)
    n_articles = int(6000 * scale)
    n_people, n_orgs, n_places, n_events, n_projects = (int(k * scale) for k in (12000, 5000, 1500, 4000, 1500))

    places = []
    for i in range(n_places):
        parent = places[rng.randrange(len(places))].id if places and i % 10 else None
        attrs = {"division_code": f"43{i:04d}"}
        if parent:
            attrs["parent"] = parent
        places.append(Entity(f"loc/地点{i}区", "LOC", f"地点{i}区", "admin", attrs=attrs))
    orgs = []
    for i in range(n_orgs):
        suffix, subtype = ORG_KINDS[i % len(ORG_KINDS)]
        name = f"株洲{rng.choice(ORG_WORDS)}{i}{suffix}"
        orgs.append(Entity(f"org/{name}", "ORG", name, subtype, aliases=[f"株{i}{suffix[:2]}"]))
    people = [Entity(f"per/{_name(rng)}{i}", "PER", "", rng.choice(["official", "executive", "academic"]))
              for i in range(n_people)]
    for person in people:
        person.name = person.id[4:]
    events = []
    for i in range(n_events):
        date = f"20{rng.randrange(18, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        name = f"第{i}届株洲{rng.choice(ORG_WORDS)}{rng.choice(EVENTS)}"
        events.append(Entity(f"event/{name}", "EVENT", name, None, attrs={"date": date}))
    projects = [Entity(f"project/项目{i}", "PROJECT", f"株洲{rng.choice(ORG_WORDS)}产业园{i}项目", None,
                       attrs={"amount": f"{rng.randrange(1, 99)}亿元"}) for i in range(n_projects)]

    documents, relations = [], []
    for a in range(n_articles):
        sentences = []
        facts: list[tuple[str, str, str | None, str | None, dict]] = []
        event = rng.choice(events)
        who = rng.sample(people, 6)
        for person in who[:3]:
            org, title = rng.choice(orgs), rng.choice(TITLES)
            sentences.append(f"{org.name}{title}{person.name}出席{event.name}。")
            facts += [("position", person.id, None, title, {"org": org.id}), ("attended", person.id, event.id, None, {}),
                      ("affiliated_with", person.id, org.id, None, {})]
        sentences.append(f"{who[3].name}主持会议，{who[4].name}讲话。")
        facts += [("chaired", who[3].id, event.id, None, {}), ("spoke_at", who[4].id, event.id, None, {})]
        host, other = rng.sample(orgs, 2)
        place, project = rng.choice(places), rng.choice(projects)
        sentences.append(f"{event.name}由{host.name}主办，在{place.name}举行。")
        facts += [("organized", host.id, event.id, None, {}), ("event_location", event.id, place.id, None, {}),
                  ("event_date", event.id, None, event.attrs["date"], {})]
        sentences.append(f"{host.name}与{other.name}签署合作协议，投资{project.attrs['amount']}建设{project.name}。")
        facts += [("cooperates_with", host.id, other.id, None, {}),
                  ("invests_in", host.id, project.id, None, {"amount": project.attrs["amount"]}),
                  ("located_in", project.id, place.id, None, {}), ("located_in", host.id, place.id, None, {}),
                  ("alias", host.id, None, host.aliases[0], {})]
        sentences.append(f"{who[5].name}到{rng.choice(places).name}考察。")
        facts += [("visited", who[5].id, place.id, None, {})]
        text = "".join(sentences)
        article = Article(f"doc{a // 3}-a{a % 3}", f"doc{a // 3}", a % 3, f"{event.name}召开", text,
                          date=event.attrs["date"], publisher="株洲日报")
        offsets, start = [], 0
        for sentence in sentences:
            offsets.append((start, start + len(sentence)))
            start += len(sentence)
        bounds = [9, 11, 14, 19, 20]  # facts read in sentence 0, 1, ... (cumulative)
        for index, (rtype, subject, obj, literal, attrs) in enumerate(facts):
            s = next(i for i, bound in enumerate(bounds) if index < bound)
            s_start, s_end = offsets[s]
            evidence = Evidence(article.id, sentences[s], s_start, s_end, s_start, s_end, f"rel:{rtype}")
            relations.append(Relation(rtype, subject, obj, literal, dict(attrs), [evidence]))
        for entity in {e.id: e for e in [*who, event, host, other, place, project]}.values():
            entity.mentions.append(Mention(f"m{len(entity.mentions)}", entity.name, entity.type, 0, 1, article.id))
        if a % 3 == 0:
            documents.append(Document(f"doc{a // 3}", f"news/doc{a // 3}.txt", "txt", "utf-8", ""))
        documents[-1].articles.append(article)
    entities = places + orgs + people + events + projects
    return Corpus(documents=documents, entities=entities, relations=relations)


def _bulk_loaded(path: Path):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.8, help="size factor; 0.8 gives ~1.1M triples")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib round-trip count")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per named query")
    args = parser.parse_args()
    from machine import describe

    print(describe())

    import pyoxigraph

    from kg.graph.export import serialize_rdf
    from kg.graph.mapping import to_triples
    from kg.query import load_store, named_queries, run_query

    corpus, seconds = _timed(lambda: synthesise(args.scale))
    print(f"corpus: {len(corpus.articles)} articles, {len(corpus.entities)} entities, "
          f"{len(corpus.relations)} relations (synthesised in {seconds:.1f}s)")
    triples, seconds = _timed(lambda: to_triples(corpus))
    n = len(triples)
    print(f"mapping Corpus → triples (Python): {n} triples in {seconds:.2f}s = {n / seconds:,.0f} triples/s")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.ttl"
        data, seconds = _timed(lambda: serialize_rdf(triples, "ttl"))
        path.write_bytes(data)
        print(f"Turtle export (pyoxigraph serialize): {seconds:.2f}s = {n / seconds:,.0f} triples/s "
              f"({len(data) / 1e6:.0f} MB)")
        parsed, seconds = _timed(lambda: sum(1 for _ in pyoxigraph.parse(path=str(path),
                                                                           format=pyoxigraph.RdfFormat.TURTLE)))
        print(f"Turtle parse (pyoxigraph parse → Python objects): {seconds:.2f}s = {parsed / seconds:,.0f} triples/s")
        bulk, seconds = _timed(lambda: _bulk_loaded(path))
        print(f"Turtle parse + index (pyoxigraph Store.bulk_load): {seconds:.2f}s = {len(bulk) / seconds:,.0f} "
              f"triples/s")
        del bulk
        store, seconds = _timed(lambda: load_store(path, imports=False))
        print(f"Turtle parse + index (pyoxigraph Store.load, as `kg query`): {seconds:.2f}s = "
              f"{len(store) / seconds:,.0f} triples/s")
        assert parsed == n == len(store), (parsed, n, len(store))
        if not args.no_rdflib:
            import rdflib

            graph, seconds = _timed(lambda: rdflib.Graph().parse(str(path), format="turtle"))
            print(f"rdflib parse: {len(graph)} triples in {seconds:.1f}s; pyoxigraph: {parsed}; "
                  f"{'SAME' if len(graph) == parsed else 'DIFFERENT'} count")
            del graph

        store, seconds = _timed(lambda: load_store(path))
        print(f"cold load for `kg query` (graph + ontology): {seconds:.2f}s")
        busy = corpus.entity(corpus.relations[len(corpus.relations) // 2].subject)  # takes part in facts
        params = {"entity": {"name": busy.name}, "articles_mentioning": {"name": busy.name}}
        # wall-clock and CPU time of this process: on a machine shared with other jobs the CPU figure is the
        # steadier one (the query runs on one thread)
        print(f"{'named query':22} {'rows':>7} {'first ms':>9} {'median ms':>10} {'median cpu ms':>14}")
        slowest = 0.0
        for name, query in named_queries().items():
            def run():
                return sum(1 for _ in run_query(store, query.text, params.get(name), named=query))
            rows, first = _timed(run)
            walls, cpus = [], []
            for _ in range(args.runs):
                cpu = time.process_time()
                walls.append(_timed(run)[1])
                cpus.append(time.process_time() - cpu)
            warm = statistics.median(walls)
            slowest = max(slowest, warm)
            print(f"{name:22} {rows:7d} {first * 1000:9.1f} {warm * 1000:10.1f} {statistics.median(cpus) * 1000:14.1f}")
        print(f"slowest named query (median): {slowest * 1000:.1f} ms — {'OK' if slowest < 0.1 else 'over'} 100 ms")
        del store
        built, seconds = _timed(lambda: load_store(path, cache=True))
        del built
        print(f"`--cache`: first load builds the on-disk store in {seconds:.2f}s", end="; ")
        reopened, seconds = _timed(lambda: load_store(path, cache=True))
        print(f"later loads reopen it in {seconds * 1000:.0f} ms")
        del reopened


if __name__ == "__main__":
    main()
