import sys; sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gb import Doc
d = Doc("001_1f01752f499c41e2.txt")
D = None  # no issue date in the document (other articles imply 2020)
H1 = "株洲市先进轨道交通装备产业链推进大会暨企业联合党委成立大会召开"
H2 = "我市两项工作获国务院表扬激励"
H3 = "油桐花开 酒仙湖"
H4 = "百合盛开 迎丰收"
H5 = "意法项目为芦淞服饰注入“链动力”"
H6 = "合力打造产业链发展的“株洲模式”"
H7 = "茶陵产智能遥控器卖向全球"
H8 = "司法行政系统获得8个国家级奖项"
d.art(H1, D, "株洲日报", {"胡文洁": "株洲日报记者 胡文洁"})
d.art(H2, D, "株洲日报", {"廖喜张": "株洲日报记者 廖喜张\n通讯员/蒋卫东 梁媛媛", "蒋卫东": "通讯员/蒋卫东 梁媛媛", "梁媛媛": "通讯员/蒋卫东 梁媛媛"})
d.art(H3, D, "株洲日报", {"温琳": "株洲日报记者 温琳 通讯员/刘凯 摄", "刘凯": "株洲日报记者 温琳 通讯员/刘凯 摄"}, "photo")
d.art(H4, D, "株洲日报", {"陈英": "株洲日报通讯员/陈英 供图"}, "photo")
d.art(H5, D, "株洲日报", {"廖喜张": "株洲日报记者 廖喜张\n通讯员/钟兴", "钟兴": "通讯员/钟兴"})
d.art(H6, D, "株洲日报", {"朱理平": "合力打造产业链发展的“株洲模式”\n\n朱理平"}, "commentary")
d.art(H7, D, "株洲日报", {"廖喜张": "茶陵产智能遥控器卖向全球\n\n株洲日报记者 廖喜张"})
d.art(H8, D, "株洲日报", {"沈全华": "株洲日报记者 沈全华", "唐敏娜": "通讯员/唐敏娜"})

ZZRB = d.ent("ORG", "media", "株洲日报")
SW = d.ent("ORG", "party", "株洲市委", {"市委": "市委书记、市人大常委会主任"}, note="qualified name constructed")
SZF = d.ent("ORG", "government", "株洲市人民政府", {"市政府": "毛腾飞代表市委、市政府向轨道交通产业协会"}, note="qualified name constructed")
RD = d.ent("ORG", "government", "株洲市人大常委会", {"市人大常委会": "市委书记、市人大常委会主任"}, note="qualified name constructed")
ZZ = d.ent("LOC", "admin", "株洲市", {"株洲": "株洲轨道交通产品出口全球70多个国家和地区"},
           note="株洲市 occurs in names (株洲市先进轨道交通装备产业链...); 我市 (deictic) not listed")
NO = "2020 is implied by other articles of the issue (2020年酒仙湖…, 2020年将对我市…) but this article never states the year, so --MM-DD"

# ---- article 1: 产业链推进大会
P = d.ent("PER", "journalist", "胡文洁"); d.pos(P, "记者", ZZRB, "株洲日报记者 胡文洁")
DH = d.ent("EVENT", None, "株洲市先进轨道交通装备产业链推进大会暨企业联合党委成立大会",
           {"大会": "何剑波主持大会"}, date="--05-09", note=NO)
d.date(DH, "--05-09", "株洲日报讯 5月9日，株洲市先进轨道交通装备产业链推进大会")
MTF = d.ent("PER", "official", "毛腾飞")
EV = "市委书记、市人大常委会主任、株洲市先进轨道交通装备产业链链长毛腾飞出席并讲话"
d.pos(MTF, "市委书记", SW, "市委书记、市人大常委会主任")
d.pos(MTF, "市人大常委会主任", RD, "市委书记、市人大常委会主任")
LZB = d.ent("ORG", "government", "株洲市先进轨道交通装备产业链链长办公室",
            {"链长办": "链长办要务实，实行双主任制"})
d.pos(MTF, "株洲市先进轨道交通装备产业链链长", None, "株洲市先进轨道交通装备产业链链长毛腾飞出席并讲话")
d.rel("attended", MTF, DH, "产业链链长毛腾飞出席并讲话")
d.rel("spoke_at", MTF, DH, "产业链链长毛腾飞出席并讲话")
ZCZZ = d.ent("ORG", "company", "中车株洲", note="as written (中车株洲 = the CRRC Zhuzhou locomotive company); distinct from 中车株洲所")
GCY = d.ent("ORG", "research", "中国工程院")
LYM = d.ent("PER", "academic", "刘友梅")
d.pos(LYM, "专家委员会主任", ZCZZ, "中车株洲专家委员会主任、中国工程院院士刘友梅出席大会")
d.pos(LYM, "院士", GCY, "中国工程院院士刘友梅出席大会")
d.rel("attended", LYM, DH, "中国工程院院士刘友梅出席大会")
HJB = d.ent("PER", "official", "何剑波")
d.pos(HJB, "市委副书记", SW, "市委副书记、常务副市长何剑波主持大会")
d.pos(HJB, "常务副市长", SZF, "市委副书记、常务副市长何剑波主持大会")
d.rel("chaired", HJB, DH, "市委副书记、常务副市长何剑波主持大会")
XH = d.ent("ORG", "association", "株洲市轨道交通产业协会",
           {"轨道交通产业协会": "毛腾飞代表市委、市政府向轨道交通产业协会新一届理事会"})
LSH = d.ent("EVENT", None, "株洲市轨道交通产业协会理事会暨会员大会", date="--05-09",
            note="held just before the main meeting (会前召开), same day; " + NO)
d.date(LSH, "--05-09", "会前召开了株洲市轨道交通产业协会理事会暨会员大会")
d.rel("organized", XH, LSH, "会前召开了株洲市轨道交通产业协会理事会暨会员大会")
ZQH = d.ent("PER", "executive", "周清和")
d.pos(ZQH, "会长", XH, "株洲市轨道交通产业协会会长、中车株洲党委书记、董事长周清和")
d.pos(ZQH, "党委书记", ZCZZ, "中车株洲党委书记、董事长周清和")
d.pos(ZQH, "董事长", ZCZZ, "中车株洲党委书记、董事长周清和")
d.rel("spoke_at", ZQH, DH, "董事长周清和就如何做好协会工作讲话",
      note="speech reported within the main meeting's account; could have been at the 理事会")
LHDW = d.ent("ORG", "party", "中共株洲市先进轨道交通装备产业链企业联合委员会",
             {"中共株洲市先进轨道交通装备产业链企业联合党委": "关于同意成立中共株洲市先进轨道交通装备产业链企业联合党委的批复",
              "产业链企业联合党委": "产业链企业联合党委的成立表示祝贺",
              "企业联合党委": "株洲市先进轨道交通装备产业链推进大会暨企业联合党委成立大会",
              "联合党委": "充分发挥联合党委的政治核心作用"})
CS = d.ent("ORG", "company", "中车株洲所")
DHJ = d.ent("PER", "executive", "邓恢金")
d.pos(DHJ, "产业发展委员会主任", CS, "中车株洲所产业发展委员会主任邓恢金")
d.rel("spoke_at", DHJ, DH, "产业发展委员会主任邓恢金就如何做好产业链企业联合党委工作讲话")
QY = d.ent("EVENT", None, "项目集中签约仪式", date="--05-09",
           note="held at the main meeting (会上还举行了); " + NO)
d.date(QY, "--05-09", "会上还举行了项目集中签约仪式")
BVV = d.ent("PROJECT", None, "BVV车轴", note="one of 15 cooperation projects signed; signing parties not named")
ZB = d.ent("PROJECT", None, "新型轨道交通装备总部基地")
CXZX = d.ent("ORG", "research", "国家先进轨道交通装备创新中心")
d.ent("LOC", "region", "中国动力谷", note="株洲's brand name for its industrial cluster area; kept as a separate LOC")
HN = d.ent("LOC", "admin", "湖南")

# ---- article 2: 国务院表扬激励
P = d.ent("PER", "journalist", "廖喜张"); d.pos(P, "记者", ZZRB, "株洲日报记者 廖喜张")
for n in ("蒋卫东", "梁媛媛"):
    P = d.ent("PER", "journalist", n); d.pos(P, "通讯员", None, "通讯员/蒋卫东 梁媛媛")
GWY = d.ent("ORG", "government", "国务院")
BGT = d.ent("ORG", "government", "国务院办公厅")
d.ent("ORG", "party", "党中央")
d.ent("LOC", "admin", "广东")
d.ent("LOC", "admin", "广西")

# ---- article 3: 酒仙湖 photo
for n, t in (("温琳", "记者"),):
    P = d.ent("PER", "journalist", n); d.pos(P, t, ZZRB, "株洲日报记者 温琳")
P = d.ent("PER", "journalist", "刘凯"); d.pos(P, "通讯员", None, "通讯员/刘凯 摄")
YX = d.ent("LOC", "admin", "攸县")
JXH = d.ent("LOC", "zone", "酒仙湖景区", {"酒仙湖": "油桐花开 酒仙湖", "酒仙湖片区": "酒仙湖片区有近万亩、几十万株油桐树"})
d.rel("located_in", JXH, YX, "攸县酒仙湖景区数十万株油桐树正当花期")
YTH = d.ent("EVENT", None, "2020年酒仙湖油桐花暨汉服文化旅游节", date=None, note="日前: no day; year 2020 in the name")
d.rel("event_location", YTH, JXH, "景区举办了“2020年酒仙湖油桐花暨汉服文化旅游节”")
for n, st in (("牧女仙境", "facility"), ("官田", "admin"), ("昭村", "admin"), ("牛冲岭", "admin"), ("琴陵", "admin")):
    X = d.ent("LOC", st, n)
    d.rel("located_in", X, JXH, "分布于牧女仙境、官田、昭村、牛冲岭、琴陵等地")

# ---- article 4: 百合 photo
P = d.ent("PER", "journalist", "陈英"); d.pos(P, "通讯员", ZZRB, "株洲日报通讯员/陈英 供图")
GYF = d.ent("LOC", "admin", "古岳峰镇")
SWC = d.ent("LOC", "admin", "三旺村")
d.rel("located_in", SWC, GYF, "古岳峰镇三旺村150亩“龙牙红”百合花竞相绽放")
HGD = d.ent("ORG", "education", "湖南工业大学")
TYM = d.ent("PER", "academic", "谭益民"); d.pos(TYM, "党委书记", HGD, "湖南工业大学党委书记谭益民")
NYJ = d.ent("ORG", "government", "株洲市农业农村局", {"市农业农村局": "谭益民与市农业农村局专家来到现场指导"}, note="qualified name constructed")
d.rel("visited", TYM, SWC, "谭益民与市农业农村局专家来到现场指导")
d.rel("visited", NYJ, SWC, "谭益民与市农业农村局专家来到现场指导")
NKS = d.ent("ORG", "research", "株洲市农业科学研究所")
HX = d.ent("ORG", "education", "湖南工业大学化学与生物技术学院")
d.rel("part_of", HX, HGD, "湖南工业大学化学与生物技术学院培育出来的")
d.rel("cooperates_with", NKS, HX, "株洲市农业科学研究所、湖南工业大学化学与生物技术学院培育出来的")
CZJ = d.ent("PER", "official", "曹志军"); d.pos(CZJ, "村党总支书记", None, "村党总支书记曹志军说")

# ---- article 5: 意法项目
P = d.ent("PER", "journalist", "钟兴"); d.pos(P, "通讯员", None, "通讯员/钟兴")
YF = d.ent("PROJECT", None, "意法时尚中心项目",
           {"株洲意法时尚中心项目": "在芦淞区株洲意法时尚中心项目现场", "意法项目": "意法项目为芦淞服饰注入“链动力”"})
LS = d.ent("LOC", "admin", "芦淞区", {"芦淞": "体验了“最多跑一次”的“芦淞速度”"})
JSNL = d.ent("LOC", "road", "建设南路")
d.rel("located_in", JSNL, LS, "意法时尚中心项目位于芦淞区建设南路")
d.rel("located_in", YF, JSNL, "意法时尚中心项目位于芦淞区建设南路")
d.rel("located_in", YF, LS, "意法时尚中心项目位于芦淞区建设南路")
SY = d.ent("ORG", "company", "意法商业集团", {"意法": "而意法又需要走出杭州"})
d.rel("invests_in", SY, YF, "意法时尚中心项目由意法商业集团投资建设", amount="约10亿元")
SSZX = d.ent("ORG", "company", "株洲意法时尚中心",
             note="the operating entity headed by 钱云宣 (总经理); the same words also name the complex (效果图)")
QYX = d.ent("PER", "executive", "钱云宣")
d.pos(QYX, "常务副总裁", SY, "钱云宣（意法商业集团常务副总裁、株洲意法时尚中心总经理）")
d.pos(QYX, "总经理", SSZX, "钱云宣（意法商业集团常务副总裁、株洲意法时尚中心总经理）")
HZ = d.ent("LOC", "admin", "杭州")
DYJ = d.ent("LOC", "road", "中国服装第一街", note="nickname of a 杭州 garment street")
d.rel("located_in", DYJ, HZ, "意法商业集团成立于杭州“中国服装第一街”")
d.rel("located_in", SY, HZ, "意法商业集团成立于杭州“中国服装第一街”")
d.ent("LOC", "region", "中南地区")
d.rel("cooperates_with", ZZ, SY, "而意法又需要走出杭州，实现服饰全产业链发展，双方一拍即合")
YJK = d.ent("PER", "executive", "易靖凯"); d.pos(YJK, "项目经理", None, "项目经理易靖凯介绍")

# ---- article 6: commentary
d.ent("PER", "journalist", "朱理平", note="commentary author")

# ---- article 7: 华耘电子
CL = d.ent("LOC", "admin", "茶陵县", {"茶陵": "茶陵产智能遥控器卖向全球"})
JKQ = d.ent("LOC", "zone", "茶陵经开区")
d.rel("located_in", JKQ, CL, "位于茶陵经开区的湖南华耘电子有限公司")
HY = d.ent("ORG", "company", "湖南华耘电子有限公司", {"华耘电子": "华耘电子是一家从事智能遥控器的设计"})
d.rel("located_in", HY, JKQ, "位于茶陵经开区的湖南华耘电子有限公司")
HT = d.ent("LOC", "admin", "火田镇")
d.rel("located_in", HT, CL, "在茶陵县火田镇建设新基地")
d.ent("LOC", "region", "珠三角地区")

# ---- article 8: 司法行政
P = d.ent("PER", "journalist", "沈全华"); d.pos(P, "记者", ZZRB, "株洲日报记者 沈全华")
P = d.ent("PER", "journalist", "唐敏娜"); d.pos(P, "通讯员", None, "通讯员/唐敏娜")
SFJ = d.ent("ORG", "government", "株洲市司法局", {"市司法局": "株洲日报讯 5月8日，市司法局为获得"}, note="qualified name constructed")
d.ent("ORG", "government", "醴陵市司法局", note="a truncated unit '…格管理科' before it is unrecoverable and not annotated")
d.ent("ORG", "other", "湖南法律师事务所", note="as extracted; the firm name looks garbled/truncated")
d.ent("ORG", "other", "株洲市国信公证处")
d.ent("ORG", "other", "株洲市湘江司法鉴定中心")
TB = d.ent("PER", "official", "谭斌"); d.pos(TB, "公共法律服务管理科科长", SFJ, "市司法局公共法律服务管理科科长谭斌")
FY = d.ent("ORG", "government", "株洲市法律援助中心", {"市法律援助中心": "市法律援助中心副主任科员黄亮"}, note="qualified name constructed")
HL = d.ent("PER", "official", "黄亮"); d.pos(HL, "副主任科员", FY, "市法律援助中心副主任科员黄亮")
YXS = d.ent("ORG", "other", "湖南一星（株洲）律师事务所")
HHL = d.ent("PER", "other", "郝慧良"); d.pos(HHL, "律师", YXS, "湖南一星（株洲）律师事务所律师郝慧良")

d.save(sys.argv[1] if len(sys.argv) > 1 else "gold/seeds/001_1f01752f499c41e2.json")
