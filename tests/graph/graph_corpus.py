"""A hand-built Corpus: two documents, three articles, every entity type, every relation type, evidence."""

from __future__ import annotations

from kg.records import Article, Byline, Corpus, Document, Entity, Evidence, Mention, Relation

HOSTILE = '<img src=x onerror=alert(1)>"\n\'&'


def _article(doc: str, index: int, headline: str, text: str, date: str | None, **kw) -> Article:
    return Article(
        id=f"{doc}-a{index}", document_id=doc, index=index, headline=headline, text=text, date=date,
        publisher="株洲日报", **kw,
    )


def _ev(article: Article, needle: str, rule: str = "rel:test") -> Evidence:
    start = article.text.index(needle)
    # sentence = the clause up to the next 。 around the needle
    s_start = article.text.rfind("。", 0, start) + 1
    s_end = article.text.find("。", start)
    s_end = len(article.text) if s_end < 0 else s_end + 1
    return Evidence(article.id, article.text[s_start:s_end], s_start, s_end, start, start + len(needle), rule)


def _mentions(entity_id: str, label: str, pairs: list[tuple[Article, str]]) -> list[Mention]:
    out = []
    for i, (article, text) in enumerate(pairs):
        start = article.text.index(text)
        out.append(Mention(f"m{i}", text, label, start, start + len(text), article.id))
    return out


def make_corpus() -> Corpus:
    a1 = _article(
        "doc1", 0, "株洲市轨道交通产业推进大会召开",
        "5月9日，株洲市轨道交通产业推进大会在株洲国际会展中心召开。市委书记曹慧泉出席并讲话。"
        "市长阳卫国主持会议。中车株洲电力机车研究所有限公司（以下简称中车株洲所）董事长李东林参加。"
        "大会由株洲市人民政府主办。",
        "2023-05-09",
        bylines=[Byline("胡文洁", "全媒体记者", "株洲日报")],
        meta={"url": "https://www.zhuzhou.gov.cn/news/1.html", "categories": ["新媒体", "要闻"]},
    )
    a2 = _article(
        "doc1", 1, "茶陵携手中车探索协同发展",
        "茶陵县与中车株洲所签署合作协议。中车株洲所位于株洲市石峰区。李东林到茶陵县考察。"
        "中车株洲所投资10亿元建设新型轨道交通装备总部基地项目。中车株洲所是中国中车的子公司。",
        None,
    )
    a3 = _article("doc2", 0, HOSTILE, f"{HOSTILE}出席会议。", "2023-06-01",
                  meta={"url": "https://x.org/<script>", "tags": HOSTILE})
    docs = [
        Document("doc1", "seeds/doc1.txt", "txt", "utf-8", a1.text + "\n" + a2.text, articles=[a1, a2]),
        Document("doc2", "seeds/doc2.html", "html", "utf-8", a3.text, articles=[a3]),
    ]
    E = Entity
    entities = [
        E("per/曹慧泉", "PER", "曹慧泉", "official", mentions=_mentions("per/曹慧泉", "PER", [(a1, "曹慧泉")])),
        E("per/阳卫国", "PER", "阳卫国", "official", mentions=_mentions("per/阳卫国", "PER", [(a1, "阳卫国")])),
        E("per/李东林", "PER", "李东林", "executive",
          mentions=_mentions("per/李东林", "PER", [(a1, "李东林"), (a2, "李东林")])),
        E("per/胡文洁", "PER", "胡文洁", "journalist"),
        E(f"per/{HOSTILE}", "PER", HOSTILE, None, mentions=_mentions("x", "PER", [(a3, HOSTILE)])),
        E("org/株洲市委", "ORG", "株洲市委", "party", aliases=["市委"]),
        E("org/株洲市人民政府", "ORG", "株洲市人民政府", "government", aliases=["市政府"]),
        E("org/中车株洲电力机车研究所有限公司", "ORG", "中车株洲电力机车研究所有限公司", "company",
          aliases=["中车株洲所"],
          mentions=_mentions("o", "ORG", [(a1, "中车株洲电力机车研究所有限公司"), (a2, "中车株洲所")])),
        E("org/中国中车", "ORG", "中国中车", "company"),
        E("loc/株洲市", "LOC", "株洲市", "admin", attrs={"division_code": "430200"}),
        E("loc/石峰区", "LOC", "石峰区", "admin", attrs={"division_code": "430204", "parent": "loc/株洲市"}),
        E("loc/茶陵县", "LOC", "茶陵县", "admin", attrs={"division_code": "430224", "parent": "loc/株洲市"},
          mentions=_mentions("l", "LOC", [(a2, "茶陵县")])),
        E("loc/株洲国际会展中心", "LOC", "株洲国际会展中心", "facility"),
        E("event/株洲市轨道交通产业推进大会", "EVENT", "株洲市轨道交通产业推进大会", None,
          attrs={"date": "2023-05-09"}, mentions=_mentions("e", "EVENT", [(a1, "株洲市轨道交通产业推进大会")])),
        E("project/新型轨道交通装备总部基地项目", "PROJECT", "新型轨道交通装备总部基地项目", None,
          attrs={"amount": "10亿元"}),
    ]
    ev = "event/株洲市轨道交通产业推进大会"
    crrc = "org/中车株洲电力机车研究所有限公司"
    R = Relation
    relations = [
        R("alias", crrc, None, literal="中车株洲所", evidence=[_ev(a1, "以下简称中车株洲所")]),
        R("position", "per/曹慧泉", None, literal="市委书记", attrs={"org": "org/株洲市委"},
          evidence=[_ev(a1, "市委书记曹慧泉")]),
        R("position", "per/阳卫国", None, literal="市长", attrs={"org": None}, evidence=[_ev(a1, "市长阳卫国")]),
        R("position", "per/李东林", None, literal="董事长", attrs={"org": crrc}, evidence=[_ev(a1, "董事长李东林")]),
        R("affiliated_with", "per/李东林", crrc, evidence=[_ev(a1, "董事长李东林")]),
        R("attended", "per/曹慧泉", ev, evidence=[_ev(a1, "曹慧泉出席")]),
        R("attended", "per/李东林", ev, evidence=[_ev(a1, "李东林参加")]),
        R("attended", f"per/{HOSTILE}", ev, evidence=[_ev(a3, "出席会议")]),
        R("chaired", "per/阳卫国", ev, evidence=[_ev(a1, "阳卫国主持会议")]),
        R("spoke_at", "per/曹慧泉", ev, evidence=[_ev(a1, "出席并讲话")]),
        R("organized", "org/株洲市人民政府", ev, evidence=[_ev(a1, "由株洲市人民政府主办")]),
        R("event_date", ev, None, literal="2023-05-09", evidence=[_ev(a1, "5月9日")]),
        R("event_location", ev, "loc/株洲国际会展中心", evidence=[_ev(a1, "在株洲国际会展中心召开")]),
        R("cooperates_with", "loc/茶陵县", crrc, evidence=[_ev(a2, "茶陵县与中车株洲所签署合作协议")]),
        R("located_in", crrc, "loc/石峰区", evidence=[_ev(a2, "中车株洲所位于株洲市石峰区")]),
        R("located_in", "loc/石峰区", "loc/株洲市", evidence=[_ev(a2, "株洲市石峰区")]),
        R("visited", "per/李东林", "loc/茶陵县", evidence=[_ev(a2, "李东林到茶陵县考察")]),
        R("part_of", crrc, "org/中国中车", evidence=[_ev(a2, "中车株洲所是中国中车的子公司")]),
        R("invests_in", crrc, "project/新型轨道交通装备总部基地项目", attrs={"amount": "10亿元"},
          evidence=[_ev(a2, "投资10亿元建设新型轨道交通装备总部基地项目")]),
        R("author_of", "per/胡文洁", None, literal=a1.headline,
          evidence=[Evidence(a1.id, a1.headline, 0, 0, 0, 0, "byline")]),
    ]
    return Corpus(documents=docs, entities=entities, relations=relations)
