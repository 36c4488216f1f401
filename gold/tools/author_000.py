import sys; sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gb import Doc
d = Doc("000_b78743fcce81144c.txt")
H = "振兴湘赣边，茶陵携手中车探索协同发展之路"
d.art(H, "2022-07-09", "潇湘晨报", {"周诗浩": "潇湘晨报记者周诗浩 实习生蒯安琦", "蒯安琦": "潇湘晨报记者周诗浩 实习生蒯安琦"})
XX = d.ent("ORG", "media", "潇湘晨报", note="ZAKER (front-matter author) and the 晨视频 app are page furniture, not annotated")
P = d.ent("PER", "journalist", "周诗浩"); d.pos(P, "记者", XX, "潇湘晨报记者周诗浩")
P = d.ent("PER", "journalist", "蒯安琦"); d.pos(P, "实习生", XX, "潇湘晨报记者周诗浩 实习生蒯安琦")
ZZ = d.ent("LOC", "admin", "株洲市", {"株洲": "制造业一直是株洲的使命"})
CL = d.ent("LOC", "admin", "茶陵县", {"茶陵": "茶陵携手中车探索协同发展之路"})
d.rel("located_in", CL, ZZ, "制造业一直是株洲的使命，也是株洲的底色与机遇。而以茶陵等县市为代表")
XGB = d.ent("LOC", "region", "湘赣边", {"湘赣边区域": "在深化湘赣边区域合作中作好示范"})
HD = d.ent("EVENT", None, '"振兴湘赣边·央企在行动"活动', {"振兴湘赣边·央企在行动": "以 \" 振兴湘赣边 · 央企在行动 \" 活动为契机"},
           date=None, note="a campaign; the 2021-12-07 agreement was signed on its occasion, the campaign itself has no single date")
CS = d.ent("ORG", "company", "中车株洲电力机车研究所有限公司",
           {"中车株洲所": "（以下简称 \" 中车株洲所 \"）", "中车株所": "亿润新材料与中车株所合作等项目"})
d.rel("cooperates_with", CS, CL, "中车株洲所 \"）与茶陵县签署一揽子合作框架协议",
      note="2021-12-07 (去年 12 月 7 日, article dated 2022-07-09); no ceremony named, so no EVENT")
ZC = d.ent("ORG", "company", "中车集团", {"中车": "茶陵携手中车探索协同发展之路"},
           note="中车 in the headline and in 中车专家 (the experts came from 中车株洲所) read as the CRRC group")
d.rel("cooperates_with", CL, ZC, "茶陵携手中车探索协同发展之路")
XW = d.ent("ORG", "party", "茶陵县委")
RD = d.ent("ORG", "government", "茶陵县人大", {"县人大": "茶陵县委、县人大、县政府、县政协四大家"}, note="qualified name constructed")
ZF = d.ent("ORG", "government", "茶陵县人民政府", {"县政府": "茶陵县委、县人大、县政府、县政协四大家"}, note="qualified name constructed")
ZX = d.ent("ORG", "government", "茶陵县政协", {"县政协": "茶陵县委、县人大、县政府、县政协四大家"}, note="qualified name constructed")
ZJ = d.ent("ORG", "company", "中车株洲电力机车有限公司", {"中车株机": "（以下简称 \" 中车株机 \"）"})
TRS = d.ent("ORG", "company", "唐人神集团股份有限公司")
ZTH = d.ent("EVENT", None, "座谈会", date="2022-03-18",
            note="the 座谈会 held during the 3-18 visit (今年 = 2022); the 3-04 座谈 is folded into the 央企带县企 行动")
d.date(ZTH, "2022-03-18", "今年 3 月 18 日，茶陵县委、县人大、县政府、县政协四大家")
for O in (XW, RD, ZF, ZX):
    d.rel("visited", O, ZJ, "走访了中车株洲电力机车有限公司")
    d.rel("visited", O, TRS, "唐人神集团股份有限公司，并举行座谈会")
    d.rel("attended", O, ZTH, "唐人神集团股份有限公司，并举行座谈会")
YR = d.ent("ORG", "company", "湖南亿润新材料科技有限公司", {"亿润新材料": "亿润新材料与中车株所合作等项目"})
SXH = d.ent("PER", "executive", "沈小华"); d.pos(SXH, "生产总监", YR, "湖南亿润新材料科技有限公司生产总监沈小华介绍")
d.rel("cooperates_with", YR, CS, "亿润新材料与中车株所合作等项目的包装策划",
      note="a planned cooperation project named in the 2022 government work report")
DYL = d.ent("PER", "official", "邓元连"); d.pos(DYL, "书记", XW, "茶陵县委书记邓元连表示")
LDL = d.ent("PER", "executive", "李东林"); d.pos(LDL, "董事长", CS, "中车株洲所董事长李东林来茶陵考察时")
d.rel("visited", LDL, CL, "中车株洲所董事长李东林来茶陵考察时")
LH = d.ent("EVENT", None, '茶陵"两会"', date=None, note="the 2022 county 两会 (今年); borderline EVENT")
JKQ = d.ent("LOC", "zone", "茶陵经开区")
d.rel("located_in", JKQ, CL, "中车株洲所专家团曾来到茶陵经开区")
XD = d.ent("EVENT", None, '"央企带县企"行动', {"央企带县企": "借着‘央企带县企’这一机会"}, date="2022-03-04",
           note="the 3-04 expert visit incl. its 座谈会 (这是株洲市首场“央企带县企”行动)")
d.date(XD, "2022-03-04", "今年 3 月 4 日，中车株洲所专家团曾来到茶陵经开区")
d.rel("event_location", XD, JKQ, "中车株洲所专家团曾来到茶陵经开区")
d.rel("attended", CS, XD, "中车株洲所专家团曾来到茶陵经开区")
d.rel("visited", CS, JKQ, "中车株洲所专家团曾来到茶陵经开区")
DGW = d.ent("ORG", "party", "茶陵经开区党工委")
HST = d.ent("PER", "official", "胡松田"); d.pos(HST, "书记", DGW, "茶陵经开区党工委书记胡松田说")
PXB = d.ent("EVENT", None, '茶陵县"三高四新"战略经济发展专题研讨培训班', {"培训班": "策划了此次培训班"}, date=None,
            note="今年 5 月 (2022-05), no day; 5-day course")
SDZX = d.ent("ORG", "education", "中车时代培训发展中心")
d.rel("event_location", PXB, SDZX, "也在中车时代培训发展中心开班")
d.ent("EVENT", None, '"干部能力提升年"活动', date=None, note="named year-long campaign")

d.save(sys.argv[1] if len(sys.argv) > 1 else "gold/seeds/000_b78743fcce81144c.json")
