import sys; sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gb import Doc
d = Doc("002_2b9815a18214baac.txt")
D = "2023-04-10"
H1 = "西藏自治区政协调研组来株考察交流"
H2 = "保持定力汇聚合力 坚定不移打造世界级轨道交通装备产业集群"
H3 = '白关丝瓜"飞"向英国'
H4 = None  # 党史教育基地 article: headline lost in PDF extraction
H5 = "喝杯清茶 共话和谐小区建设"
H6 = "走出去 天地宽"
H7 = '政银企对接 破解"融资难"'
H8 = "建行株洲市分行一季度信贷新增54亿元 居全市第一"
d.art(H1, D, "株洲日报", {})
d.art(H2, D, "株洲日报", {"胡文洁": "株洲日报讯(全媒体记者/胡文洁)"})
d.art(H3, D, "株洲日报", {"杨凌凌": "株洲日报讯(全媒体记者/杨凌 凌)"})
d.articles.append({"headline": None, "date": D, "publisher": "株洲日报", "authors": ["周蒿", "杨双艳"], "kind": "news",
                   "note": "第二批党史教育基地授牌 report; headline not recoverable from the broken columns (fragments 布/第/作), so no author_of"})
d.art(H5, D, "株洲日报", {"旷昆红": "株洲日报全媒体记者/旷昆红"})
d.art(H6, D, "株洲日报", {"卜周": "走出去 天地宽\n\n卜周"}, "commentary")
d.art(H7, D, "株洲日报", {"杨如": "株洲日报讯(全媒体记者/杨如 通讯员/苏艺)", "苏艺": "通讯员/苏艺)"})
d.art(H8, D, "株洲日报", {"刘芳": "株洲日报讯(全媒体记者/刘芳 通讯员/卢青)", "卢青": "通讯员/卢青)"})

ZZRB = d.ent("ORG", "media", "株洲日报")
SW = d.ent("ORG", "party", "株洲市委", {"中共株洲市委": "中共株洲市委主管、主办", "市委": "市委书记、市先进轨道交通装备产业链链长曹慧泉"},
           note="qualified name per guideline")
ZZ = d.ent("LOC", "admin", "株洲市", {"株洲": "了解株洲产业发展、科技创新等情况"}, note="来株 (株 = 株洲) not listed")

# ---- 1 西藏自治区政协调研组
XZZX = d.ent("ORG", "government", "西藏自治区政协", {"区政协": "区政协副主席扎西达娃率调研组"})
DYZ = d.ent("ORG", "other", "西藏自治区政协调研组", {"调研组": "区政协副主席扎西达娃率调研组"},
            note="the visiting delegation")
d.rel("part_of", DYZ, XZZX, "西藏自治区政协调研组来株考察交流")
VIS = d.ent("EVENT", None, "西藏自治区政协调研组来株考察交流", date=None,
            note="the inspection visit as one occurrence (调研考察); no day given in the surviving text")
d.rel("event_location", VIS, ZZ, "区政协副主席扎西达娃率调研组在株调研考察")
d.rel("attended", DYZ, VIS, "区政协副主席扎西达娃率调研组在株调研考察")
d.rel("visited", DYZ, ZZ, "西藏自治区政协调研组来株考察交流")
ZXDW = d.ent("PER", "official", "扎西达娃"); d.pos(ZXDW, "区政协副主席", XZZX, "区政协副主席扎西达娃率调研组")
d.rel("attended", ZXDW, VIS, "区政协副主席扎西达娃率调研组在株调研考察")
SZX = d.ent("ORG", "government", "株洲市政协", {"市政协": "市政协主席聂方红陪同调研"}, note="qualified name constructed")
NFH = d.ent("PER", "official", "聂方红"); d.pos(NFH, "市政协主席", SZX, "市政协主席聂方红陪同调研")
d.rel("attended", NFH, VIS, "市政协主席聂方红陪同调研")
YXY = d.ent("PER", "official", "杨小幼"); d.pos(YXY, "市政协副主席", SZX, "市政协副主席杨小幼参加")
d.rel("attended", YXY, VIS, "市政协副主席杨小幼参加")
QJGJ = d.ent("LOC", "facility", "秋瑾故居")
d.rel("visited", DYZ, QJGJ, "调研组首先来到秋瑾故居考察")
d.ent("PER", "other", "秋瑾", note="historical person")
ZJ = d.ent("ORG", "company", "中车株机")
CG = d.ent("ORG", "company", "城轨事业部")
YJY = d.ent("ORG", "research", "株机研究院")
d.rel("part_of", CG, ZJ, "在中车株机,调研组实地考察城轨事业部、株机研究院")
d.rel("part_of", YJY, ZJ, "在中车株机,调研组实地考察城轨事业部、株机研究院")
for X in (ZJ, CG, YJY):
    d.rel("visited", DYZ, X, "在中车株机,调研组实地考察城轨事业部、株机研究院")
XZ = d.ent("LOC", "admin", "西藏")
BWG = d.ent("LOC", "facility", "株洲博物馆新馆")
d.rel("visited", DYZ, BWG, "在株洲博物馆新馆,调研组深入了解株洲自然与人文历史")
# planned visits (还将实地考察): entities only, no visited relation
d.ent("LOC", "facility", "炎帝陵")
YLX = d.ent("LOC", "admin", "炎陵县", {"炎陵": "已累计为60余户炎陵黄桃种植户提供贷款支持"})
BYB = d.ent("LOC", "facility", "炎陵县红军标语博物馆", {"炎陵红军标语博物馆": "炎陵红军标语博物馆、毛主席在茶陵住室"},
            note="also one of the first 11 党史教育基地")
d.rel("located_in", BYB, YLX, "炎陵县红军标语博物馆")
CLX = d.ent("LOC", "admin", "茶陵县", {"茶陵": "毛主席在茶陵住室"})
ZS = d.ent("LOC", "facility", "毛主席在茶陵住室", note="毛主席/毛泽东 only inside site names: not a separate PER (see README)")
d.rel("located_in", ZS, CLX, "毛主席在茶陵住室")
GNB = d.ent("LOC", "facility", "茶陵县工农兵政府", note="a historic site (planned visit; also a 党史教育基地)")
d.rel("located_in", GNB, CLX, "茶陵县工农兵政府")

# ---- 2 产业链2023年第一次会议
P = d.ent("PER", "journalist", "胡文洁"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/胡文洁)")
HY = d.ent("EVENT", None, "株洲市先进轨道交通装备产业链2023年第一次会议", date="2023-04-09")
d.date(HY, "2023-04-09", "4月9日,市委书记、市先进轨道交通装备产业链链长曹慧泉主持召开")
CHQ = d.ent("PER", "official", "曹慧泉")
d.pos(CHQ, "市委书记", SW, "市委书记、市先进轨道交通装备产业链链长曹慧泉")
d.pos(CHQ, "市先进轨道交通装备产业链链长", None, "市委书记、市先进轨道交通装备产业链链长曹慧泉")
d.rel("chaired", CHQ, HY, "产业链链长曹慧泉主持召开株洲市先进轨道交通装备产业链2023年第一次会议")
d.rel("organized", CHQ, HY, "产业链链长曹慧泉主持召开株洲市先进轨道交通装备产业链2023年第一次会议")
d.rel("spoke_at", CHQ, HY, "曹慧泉在株洲市先进轨道交通装备产业链2023年第一次会议上强调")
HGD = d.ent("ORG", "education", "湖南工业大学")
LW = d.ent("PER", "academic", "刘望"); d.pos(LW, "党委书记", HGD, "湖南工业大学党委书记刘望")
ATT = "湖南工业大学党委书记刘望,市领导王卫安、刘剑飞,株洲高新区党工委书记邬凌云参加会议"
d.rel("attended", LW, HY, ATT)
for n in ("王卫安", "刘剑飞"):
    P = d.ent("PER", "official", n, note="described only as 市领导 (not a title, no position annotated)")
    d.rel("attended", P, HY, ATT)
GXQ = d.ent("LOC", "zone", "株洲高新区")
GXDGW = d.ent("ORG", "party", "株洲高新区党工委")
WLY = d.ent("PER", "official", "邬凌云"); d.pos(WLY, "书记", GXDGW, "株洲高新区党工委书记邬凌云参加会议")
d.rel("attended", WLY, HY, "株洲高新区党工委书记邬凌云参加会议")
d.ent("EVENT", None, '"春蕾行动"', date=None, note="named 行动 (its 工作方案 was reported); borderline EVENT")
TX = d.ent("LOC", "zone", "田心片区")
for n in ("傅成骏", "李东林", "聂自强", "彭华文", "王巧林", "姜强俊", "胡志军", "肖勇民", "周后葵", "顾发根", "顾东来"):
    P = d.ent("PER", "executive", n, note="appointed 产业链招商顾问 at the meeting; attendance not stated")
    d.pos(P, "产业链招商顾问", None, "会上还为首批产业链招商顾问傅成骏、李东林、聂自强")
ZZJ = d.ent("ORG", "party", "中共中央政治局")
GWY = d.ent("ORG", "government", "国务院")
LQ = d.ent("PER", "official", "李强")
d.pos(LQ, "常委", ZZJ, "中共中央政治局常委、国务院总理李强")
d.pos(LQ, "总理", GWY, "中共中央政治局常委、国务院总理李强")
d.rel("visited", LQ, ZZ, "首站就考察株洲轨道交通产业")
d.ent("EVENT", None, '"作风建设年"活动', date=None, note="named year-long campaign")

# ---- 3 白关丝瓜
P = d.ent("PER", "journalist", "杨凌凌"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/杨凌 凌)")
LS = d.ent("LOC", "admin", "芦淞区", {"芦淞": "将株洲芦淞服饰宣传广告"})
BG = d.ent("LOC", "admin", "白关镇", {"白关": "因为白关具备了种植产区优势"})
YJB = d.ent("LOC", "admin", "姚家坝村", {"姚家坝": "在姚家坝合作社种植基地"})
d.rel("located_in", BG, LS, "芦淞区白关镇姚家坝村")
d.rel("located_in", YJB, BG, "芦淞区白关镇姚家坝村")
UK = d.ent("LOC", "country", "英国")
SH = d.ent("ORG", "association", "英国湖南商贸总会", note="its 考察团 is treated as the association itself")
QY = d.ent("EVENT", None, "签约仪式", date="2023-04-09", note="白关丝瓜出口英国 signing")
d.date(QY, "2023-04-09", "4月9日,芦淞区白关镇姚家坝村与英国湖南商贸总会就白关丝瓜出口英国举行签约仪式")
d.rel("attended", SH, QY, "姚家坝村与英国湖南商贸总会就白关丝瓜出口英国举行签约仪式")
d.rel("cooperates_with", YJB, SH, "姚家坝村与英国湖南商贸总会就白关丝瓜出口英国举行签约仪式")
d.rel("cooperates_with", BG, SH, "白关镇正在和英国湖南商贸总会积极对接")
BGZF = d.ent("ORG", "government", "白关镇政府")
ZT = d.ent("PER", "other", "张涛")
XH2 = d.ent("ORG", "association", "英国湖南专家学者协会")
d.pos(ZT, "副会长", XH2, "英国湖南专家学者协会副会长张涛")
KC = d.ent("EVENT", None, "考察活动", date="2023-04-09",
           note="the 商会 delegation's visit to 白关镇 (此次海外商会一行来白关镇的考察活动), field visit on 4月9日")
d.date(KC, "2023-04-09", "4月9日,在姚家坝合作社种植基地,英国湖南商贸总会考察团一行深入田间地头")
d.rel("event_location", KC, BG, "此次海外商会一行来白关镇的考察活动")
d.rel("attended", SH, KC, "英国湖南商贸总会考察团一行深入田间地头")
d.rel("visited", SH, BG, "此次海外商会一行来白关镇的考察活动")
HZS = d.ent("ORG", "other", "姚家坝村经济合作社", {"姚家坝合作社": "在姚家坝合作社种植基地"})
d.rel("visited", SH, HZS, "在姚家坝合作社种植基地,英国湖南商贸总会考察团一行深入田间地头")
YQH = d.ent("LOC", "facility", "阳雀湖丝瓜种植基地")
d.rel("located_in", YQH, BG, "白关镇阳雀湖丝瓜种植基地")
d.ent("ORG", "company", "湖南华亿农业科技股份有限责任公司")

# ---- 4 党史教育基地 (headline lost)
P = d.ent("PER", "journalist", "周蒿"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/周蒿 通讯员/杨双")
P = d.ent("PER", "journalist", "杨双艳", note="split across PDF columns: 杨双 … 艳)"); d.pos(P, "通讯员", None, "通讯员/杨双")
SP = d.ent("EVENT", None, "第二批党史教育基地授牌仪式", date="2023-04-08", note="授…牌仪式 split across columns")
d.date(SP, "2023-04-08", "4月8日,我市举行第二批党史教育基地授")
DSS = d.ent("ORG", "party", "株洲市委党史研究室", {"市委党史研究室": "今年,市委党史研究室(市地方志编", "市地方志编纂室": "(市地方志编"},
            note="one body with two names (市委党史研究室(市地方志编纂室)); 纂室 split across columns; qualified name constructed")
ZTQ = d.ent("LOC", "admin", "天元区")
LLS = d.ent("LOC", "admin", "醴陵市")
YXX = d.ent("LOC", "admin", "攸县")
sites2 = [("炎陵大院红色革命遗址群", YLX, "确定炎陵大院红色革命遗址群"),
          ("叶家祠", None, None), ("十都万寿宫", None, None),
          ("炎陵神农谷红军革命活动遗址群", YLX, "炎陵神农谷红军革命活动遗址群"),
          ("炎陵中村红色遗(旧)址群", YLX, "炎陵中村红色遗(旧)址群"),
          ("茶陵县红军寨", CLX, "茶陵县红军寨"), ("茶陵县兵工厂", CLX, "茶陵县兵工厂"),
          ("醴陵市烈士陵园", LLS, "醴陵市烈士陵园"), ("醴陵市南四区苏维埃革命纪念馆", LLS, "醴陵市南四区苏维埃革命纪念馆"),
          ("石三门红色教育(杨得志故居)", ZTQ, "天元区石三门红色教育(杨得志故居)")]
for n, parent, ev in sites2:
    if n == "叶家祠":
        X = d.ent("LOC", "facility", n, {'毛泽东主持"连队建党"旧址': '东主持"连队建党"旧址——叶家祠'},
                  note="毛泽 … 东 split across columns")
    elif n == "十都万寿宫":
        X = d.ent("LOC", "facility", n, {"朱毛首次会晤旧址": "朱毛首次会晤旧址——十都万寿宫"})
    elif n.startswith("石三门"):
        X = d.ent("LOC", "facility", n, note="second-batch 党史教育基地; name as written (probably 石三门红色教育基地)")
    else:
        X = d.ent("LOC", "facility", n, note="second-batch 党史教育基地")
    if parent:
        d.rel("located_in", X, parent, ev)
sites1 = [("渌口博物馆", None, None), ("茶陵县革命纪念馆", CLX, "茶陵县革命纪念馆"),
          ("茶陵县苏维埃政府(严塘湾里)", CLX, "茶陵县苏维埃政府(严塘湾里)"),
          ("茶陵县八团区苏维埃政府", CLX, "茶陵县八团区苏维埃政府"),
          ("攸县革命历史陈列馆", YXX, "攸县革命历史陈列馆"), ("攸县烈士陵园", YXX, "攸县烈士陵园"),
          ("湘赣攸县苏区革命烈士纪念园", YXX, "湘赣攸县苏区革命烈士纪念园"), ("谭震林生平业绩陈列馆", None, None),
          ("蔡会文、蔡兰阶烈士事迹陈列馆", None, None)]
for n, parent, ev in sites1:
    X = d.ent("LOC", "facility", n, note="first-batch 党史教育基地 (historic site)")
    if parent:
        d.rel("located_in", X, parent, ev)

# ---- 5 小区书记茶话会
P = d.ent("PER", "journalist", "旷昆红"); d.pos(P, "全媒体记者", ZZRB, "株洲日报全媒体记者/旷昆红")
HT = d.ent("LOC", "admin", "荷塘区")
SJQ = d.ent("LOC", "admin", "宋家桥街道")
FR = d.ent("LOC", "admin", "芙蓉社区")
TSY = d.ent("LOC", "facility", "铁四院", note="a residential compound (小区) in 芙蓉社区")
d.rel("located_in", SJQ, HT, "在荷塘区宋家桥街道芙蓉社区铁四院")
d.rel("located_in", FR, SJQ, "在荷塘区宋家桥街道芙蓉社区铁四院")
d.rel("located_in", TSY, FR, "在荷塘区宋家桥街道芙蓉社区铁四院")
CHH = d.ent("EVENT", None, "小区书记茶话会", date="2023-04-06")
d.date(CHH, "2023-04-06", "4月6日,在荷塘区宋家桥街道芙蓉社区铁四院,\"小区书记茶话会\"")
d.rel("event_location", CHH, TSY, "在荷塘区宋家桥街道芙蓉社区铁四院,\"小区书记茶话会\"")

# ---- 6 commentary 走出去 天地宽
d.ent("PER", "journalist", "卜周", note="commentary author (byline fused with the first sentence)")
d.ent("EVENT", None, "广交会", date=None, note="session not specified")
US = d.ent("LOC", "country", "美国", {"美": "一名在美留学的株洲学子"})
NY = d.ent("LOC", "admin", "纽约")
SDGC = d.ent("LOC", "facility", "时代广场")
d.rel("located_in", NY, US, "美国纽约时代广场")
d.rel("located_in", SDGC, NY, "美国纽约时代广场")
d.ent("EVENT", None, "中国国际时装周", {"时装周": "时装周集合走秀发"}, date=None)
d.ent("ORG", "government", "湖南省工信厅", {"省工信厅": "省工信厅发布了\"智赋万企\""}, note="qualified name constructed")

# ---- 7 政银企对接
P = d.ent("PER", "journalist", "杨如"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/杨如 通讯员/苏艺)")
P = d.ent("PER", "journalist", "苏艺"); d.pos(P, "通讯员", None, "通讯员/苏艺)")
TJH = d.ent("EVENT", None, '"聚势共赢 金智惠企"政银企对接暨货权类动产质押融资试点推广会',
            {"政银企对接会": "今天的政银企对接会", "对接会": "我们召开这次对接会"}, date="2023-04-07")
d.date(TJH, "2023-04-07", "4月7日,\"聚势共赢 金智惠企\"政银企对接暨货权类动产")
CYY = d.ent("LOC", "facility", "株洲高新区人力资源服务产业园")
d.rel("located_in", CYY, GXQ, "在株洲高新区人力资源服务产业园举行")
d.rel("event_location", TJH, CYY, "在株洲高新区人力资源服务产业园举行")
TJJ = d.ent("ORG", "government", "株洲高新区投资金融局")
JRB = d.ent("ORG", "government", "天元区金融办")
d.rel("organized", TJJ, TJH, "本次活动由株洲高新区投资金融局和天元区金融办联合举办")
d.rel("organized", JRB, TJH, "本次活动由株洲高新区投资金融局和天元区金融办联合举办")
RH = d.ent("ORG", "finance", "人民银行株洲中心支行")
XLS = d.ent("ORG", "company", "新芦淞科技公司")
d.rel("attended", RH, TJH, "现场,人民银行株洲中心支行和新芦淞科技公司相关负责人")
d.rel("attended", XLS, TJH, "现场,人民银行株洲中心支行和新芦淞科技公司相关负责人")
GWH = d.ent("ORG", "government", "株洲高新区管委会", {"管委会": "管委会副主任黄继军表示"}, note="qualified name constructed")
HJJ = d.ent("PER", "official", "黄继军")
d.pos(HJJ, "委员", GXDGW, "株洲高新区党工委委员,管委会副主任黄继军表示")
d.pos(HJJ, "管委会副主任", GWH, "株洲高新区党工委委员,管委会副主任黄继军表示")
d.rel("spoke_at", HJJ, TJH, "管委会副主任黄继军表示:\"我们召开这次对接会")
CL2 = d.ent("ORG", "company", "湖南昶力轨道交通设备有限公司")
LZY = d.ent("PER", "other", "李子悦"); d.pos(LZY, "会计", CL2, "湖南昶力轨道交通设备有限公司会计李子悦说")
d.rel("attended", LZY, TJH, "今天的政银企对接会,让我们企业了解了很多融资途径")

# ---- 8 建行
P = d.ent("PER", "journalist", "刘芳"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/刘芳 通讯员/卢青)")
P = d.ent("PER", "journalist", "卢青"); d.pos(P, "通讯员", None, "通讯员/卢青)")
d.ent("ORG", "finance", "建行株洲市分行")
d.ent("ORG", "company", "硬质合金集团")
d.ent("ORG", "company", "旗滨玻璃")
d.ent("ORG", "company", "龙华农牧")

d.save(sys.argv[1] if len(sys.argv) > 1 else "gold/seeds/002_2b9815a18214baac.json")
