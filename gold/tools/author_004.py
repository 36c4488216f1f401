import sys; sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gb import Doc
d = Doc("004_9a49a8d8c7c6a212.txt")
D = "2023-03-29"
H1 = "“市应急指挥管理系统”上榜"
H2 = "追“高”逐“新”的创业热土"
H3 = "以坚决态度全力抓好生态环境问题整改"
H4 = "中车株洲所第三届科技节开幕"
H5 = "深入推进市域社会治理现代化"
H6 = "长株潭先进硬质材料产业园交易会会展中心封顶"
H7 = "种下香椿树 走上致富路"
H8 = "校企携手,让“精”专利变身“金”专利 一家民企的“回春术”"
d.art(H1, D, "株洲日报", {"马文章": "株洲日报讯(全媒体记者/马文章)"})
d.art(H2, D, "株洲日报", {"邹怡敏": "株洲日报全媒体记者/邹怡敏", "刘晓欢": "通讯员/刘晓欢 刘艺锋", "刘艺锋": "通讯员/刘晓欢 刘艺锋"})
d.art(H3, D, "株洲日报", {"陈正明": "株洲日报讯(全媒体记者/陈正明)"})
d.art(H4, D, "株洲日报", {"胡文洁": "株洲日报讯(全媒体记者/胡文洁)"})
d.art(H5, D, "株洲日报", {"周圆": "株洲日报讯(全媒体记者/周圆)"})
d.art(H6, D, "株洲日报", {"俞强年": "株洲日报讯(全媒体记者/俞强年 通讯员/漆小丽)", "漆小丽": "株洲日报讯(全媒体记者/俞强年 通讯员/漆小丽)"})
d.art(H7, D, "株洲日报", {"杨如": "株洲日报全媒体记者/杨如摄"}, "photo")
d.art(H8, D, "株洲日报", {"易蓉": "执行:株洲日报全媒体记者/易蓉"})

# ---- organisations used across articles
ZZRB = d.ent("ORG", "media", "株洲日报")
SW = d.ent("ORG", "party", "株洲市委", {"中共株洲市委": "中共株洲市委主管 主办", "市委": "市委书记曹慧泉致贺词"},
           note="name qualified per guideline; 中共株洲市委 appears in the masthead")
SZF = d.ent("ORG", "government", "株洲市人民政府", {"市政府": "曹慧泉代表市委、市政府向科技节开幕式表示热烈祝贺"},
            note="qualified name constructed (text has only 市政府)")
ZZ = d.ent("LOC", "admin", "株洲市", {"株洲": "副省长李建中在株洲督导生态环境问题整改等工作"},
           note="株洲市 appears in the document title 《株洲市市域社会治理现代化试点验收常态化督导工作方案》")
HN = d.ent("LOC", "admin", "湖南省")

# ---- article 1
P = d.ent("PER", "journalist", "马文章"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/马文章)")
FORUM = d.ent("EVENT", None, "2022 数字城市论坛", date=None, note="近日: no day given")
BJ = d.ent("LOC", "admin", "北京")
d.rel("event_location", FORUM, BJ, "“2022 数字城市论坛”在北京召开")
XH = d.ent("ORG", "association", "中国信息协会")
d.rel("organized", XH, FORUM, "此次论坛由中国信息协会主办")
YJJ = d.ent("ORG", "government", "株洲市应急管理局", {"市应急管理局": "市应急管理局“应急指挥管理系统建设”成果"})
SYS = d.ent("PROJECT", None, "市应急指挥管理系统", {"应急指挥管理系统建设": "市应急管理局“应急指挥管理系统建设”成果"},
            note="borderline PROJECT: an emergency-command IT system under construction (逐步建设), the article's subject")
d.ent("ORG", "government", "株洲应急指挥中心")
d.ent("ORG", "government", "湖南省应急指挥中心", {"省应急指挥中心": "实现与省应急指挥中心、市相关业务部门等的互联互通"},
      note="qualified name constructed")

# ---- article 2 (渌口 series)
for n in ("邹怡敏",):
    P = d.ent("PER", "journalist", n); d.pos(P, "全媒体记者", ZZRB, "株洲日报全媒体记者/邹怡敏")
for n in ("刘晓欢", "刘艺锋"):
    P = d.ent("PER", "journalist", n); d.pos(P, "通讯员", None, "通讯员/刘晓欢 刘艺锋")
LK = d.ent("LOC", "admin", "渌口区", {"绿口区": "绿口区已成为令人期待的创业新城", "绿口": "“投资兴业看绿口”系列报道之一"},
           note="绿口 is the censored/garbled spelling of 渌口 throughout this issue; canonical name is the real one")
d.rel("located_in", LK, ZZ, "株洲“南拓”的发展腹地——绿口区")
NZ = d.ent("LOC", "zone", "南洲工业园", note="in 渌口区 by context, but not stated, so no located_in")
JX = d.ent("PROJECT", None, "湖南巨新材料项目")
d.rel("located_in", JX, NZ, "位于南洲工业园的湖南巨新材料项目一期建设现场")
d.ent("ORG", "company", "湖南巨新材料",
      note="the company behind 湖南巨新材料项目 (该公司是一家高科技企业); its name appears only inside the project name")
CLUS = d.ent("EVENT", None, "2022年湖南省中小工业企业特色产业集群决赛", date=None,
             note="a competition; year only. 株洲现代高分子新材料特色产业集群(绿口) (a cluster, not an ORG) is not annotated")
d.ent("EVENT", None, "株洲(绿口)高分子新材料产业技术论坛暨产业发展推进会", date=None,
      note="2021年12月, no day; (绿口) = 渌口")

# ---- article 3 (李建中 督导)
P = d.ent("PER", "journalist", "陈正明"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/陈正明)")
SZFHN = d.ent("ORG", "government", "湖南省人民政府", {"省政府": "株洲将认真落实省委、省政府的决策部署"},
              note="qualified name constructed")
SWHN = d.ent("ORG", "party", "湖南省委", {"省委": "株洲将认真落实省委、省政府的决策部署"}, note="qualified name constructed")
ZX = d.ent("ORG", "government", "湖南省政协", {"省政协": "省政协副主席黎咸兴"}, note="qualified name constructed")
LJZ = d.ent("PER", "official", "李建中")
d.pos(LJZ, "副省长", SZFHN, "3月28日,副省长李建中在株洲督导生态环境问题整改等工作")
CHQ = d.ent("PER", "official", "陈恢清")
d.pos(CHQ, "市委副书记", SW, "市委副书记、市长陈恢清陪同并参加座谈会")
d.pos(CHQ, "市长", SZF, "市委副书记、市长陈恢清陪同并参加座谈会")
LXX = d.ent("PER", "official", "黎咸兴"); d.pos(LXX, "省政协副主席", ZX, "省政协副主席黎咸兴")
four = []
for n in ("夏文斌", "黄宇", "罗恒", "吴启旺"):
    P = d.ent("PER", "official", n); four.append(P)
YXD = d.ent("PER", "official", "易湘东"); d.pos(YXD, "副市长", SZF, "副市长易湘东汇报株洲交通运输和生态环境保护工作")
DD = d.ent("EVENT", None, "督导生态环境问题整改等工作", {"督导环保等工作": "副省长李建中在株洲督导环保等工作"},
           date="2023-03-28", note="the inspection visit as one occurrence (督导)")
d.date(DD, "2023-03-28", "3月28日,副省长李建中在株洲督导生态环境问题整改等工作")
d.rel("event_location", DD, ZZ, "副省长李建中在株洲督导生态环境问题整改等工作")
d.rel("attended", LJZ, DD, "副省长李建中在株洲督导生态环境问题整改等工作")
d.rel("attended", CHQ, DD, "市委副书记、市长陈恢清陪同并参加座谈会")
d.rel("attended", LXX, DD, "省政协副主席黎咸兴,省直有关部门领导夏文斌、黄宇、罗恒、吴启旺参加督导")
for P in four:
    d.rel("attended", P, DD, "省直有关部门领导夏文斌、黄宇、罗恒、吴启旺参加督导")
d.rel("visited", LJZ, ZZ, "副省长李建中在株洲督导生态环境问题整改等工作")
QST = d.ent("LOC", "zone", "清水塘片区")
YD = d.ent("LOC", "facility", "原英东实业地块")
d.rel("located_in", YD, QST, "实地走访了清水塘片区原英东实业地块")
HZ = d.ent("LOC", "facility", "原株洲会展中心地块")
MT = d.ent("LOC", "facility", "株洲港建坝码头")
WL = d.ent("PROJECT", None, "株洲铁路物流园", note="under construction (了解株洲铁路物流园建设等情况); could also be read as LOC zone")
PZ = d.ent("LOC", "facility", "陈埠港排渍站")
WS = d.ent("PROJECT", None, "市中心城区污水系统综合治理一期工程PPP项目")
GS = d.ent("ORG", "company", "湖南铁建昆仑长株桂新高速公路有限公司")
d.ent("PROJECT", None, "G4京港澳高速长株段扩容工程")
for X, ev in ((QST, "李建中一行实地走访了清水塘片区原英东实业地块"), (YD, "李建中一行实地走访了清水塘片区原英东实业地块"),
              (HZ, "原英东实业地块、原株洲会展中心地块、株洲港建坝码头"), (MT, "原株洲会展中心地块、株洲港建坝码头"),
              (PZ, "在陈埠港排渍站,李建中听取了"), (GS, "来到湖南铁建昆仑长株桂新高速公路有限公司,李建中")):
    d.rel("visited", LJZ, X, ev)
ZTH = d.ent("EVENT", None, "突出生态环境问题整改督导座谈会", {"座谈会": "市长陈恢清陪同并参加座谈会"}, date="2023-03-28",
            note="merged with the 座谈会 李建中 convened at 湖南铁建昆仑长株桂新高速公路有限公司 (same day, same visit); date from the visit")
d.date(ZTH, "2023-03-28", "3月28日,副省长李建中在株洲督导生态环境问题整改等工作")
d.rel("event_location", ZTH, GS, "来到湖南铁建昆仑长株桂新高速公路有限公司")
d.rel("organized", LJZ, ZTH, "并召开座谈会,听取株洲交通运输工作情况汇报")
d.rel("attended", CHQ, ZTH, "市委副书记、市长陈恢清陪同并参加座谈会")
d.rel("spoke_at", LJZ, ZTH, "突出生态环境问题整改督导座谈会上,李建中听取了株洲有关情况汇报。他指出")
d.rel("spoke_at", CHQ, ZTH, "陈恢清在汇报株洲生态环境保护有关工作情况时表示")
d.rel("spoke_at", YXD, ZTH, "副市长易湘东汇报株洲交通运输和生态环境保护工作")

# ---- article 4 (中车株洲所科技节)
P = d.ent("PER", "journalist", "胡文洁"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/胡文洁)")
CS = d.ent("ORG", "company", "中车株洲所")
ZC = d.ent("ORG", "company", "中国中车集团", {"中车": "在中车各子企业中走在前列"})
ZCGF = d.ent("ORG", "company", "中车股份")
d.rel("part_of", CS, ZC, "在中车各子企业中走在前列")
KJJ = d.ent("EVENT", None, "中车株洲所第三届科技节", {"中车株洲所科技节": "本届中车株洲所科技节活动包括",
                                                 "科技节": "曹慧泉代表市委、市政府向科技节开幕式表示热烈祝贺"},
            date="2023-03-28", note="date = opening day (开幕); the 开幕式 is treated as part of this event")
d.date(KJJ, "2023-03-28", "3月28日,以“赋能双赛道 创新添动力”为主题的中车株洲所第三届科技节开幕")
d.rel("organized", CS, KJJ, "中车株洲所第三届科技节开幕")
WJ = d.ent("PER", "executive", "王军")
d.pos(WJ, "党委书记", ZC, "中国中车集团党委书记、中车股份副总裁王军讲话")
d.pos(WJ, "副总裁", ZCGF, "中国中车集团党委书记、中车股份副总裁王军讲话")
d.rel("spoke_at", WJ, KJJ, "中国中车集团党委书记、中车股份副总裁王军讲话")
CHQ2 = d.ent("PER", "official", "曹慧泉")
d.pos(CHQ2, "市委书记", SW, "市委书记曹慧泉致贺词")
d.rel("spoke_at", CHQ2, KJJ, "市委书记曹慧泉致贺词")
ATT = "中国工程院院士孙逢春、夏长亮、丁荣军,省科技厅二级巡视员彭敬东,市委常委、市委秘书长杨英杰等出席"
GCY = d.ent("ORG", "research", "中国工程院")
for n in ("孙逢春", "夏长亮", "丁荣军"):
    P = d.ent("PER", "academic", n)
    d.pos(P, "院士", GCY, "中国工程院院士孙逢春、夏长亮、丁荣军")
    d.rel("attended", P, KJJ, ATT)
KJT = d.ent("ORG", "government", "湖南省科技厅", {"省科技厅": "省科技厅二级巡视员彭敬东"}, note="qualified name constructed")
P = d.ent("PER", "official", "彭敬东"); d.pos(P, "省科技厅二级巡视员", KJT, "省科技厅二级巡视员彭敬东")
d.rel("attended", P, KJJ, "省科技厅二级巡视员彭敬东,市委常委、市委秘书长杨英杰等出席")
P = d.ent("PER", "official", "杨英杰")
d.pos(P, "市委常委", SW, "市委常委、市委秘书长杨英杰等出席")
d.pos(P, "市委秘书长", SW, "市委常委、市委秘书长杨英杰等出席")
d.rel("attended", P, KJJ, "市委常委、市委秘书长杨英杰等出席")
JP = d.ent("EVENT", None, "3个国家重点实验室的揭牌仪式", {"揭牌仪式": "等3个国家重点实验室的揭牌仪式"}, date="2023-03-28",
           note="held at the festival's opening ceremony (开幕式上举行了)")
d.date(JP, "2023-03-28", "3月28日,以“赋能双赛道 创新添动力”为主题的中车株洲所第三届科技节开幕")
d.ent("ORG", "research", "节能管控与测评技术铁路行业工程研究中心")
d.ent("ORG", "research", "新型功率半导体技术铁路行业重点实验室")
d.ent("ORG", "research", "功率半导体与集成技术国家重点实验室")
GWY = d.ent("ORG", "government", "国务院")
LQ = d.ent("PER", "official", "李强"); d.pos(LQ, "总理", GWY, "国务院总理李强履新后首次到地方调研")
TX = d.ent("LOC", "admin", "田心")
d.rel("visited", LQ, ZZ, "第一站就来到了株洲,来到了美丽田心")
d.rel("visited", LQ, TX, "第一站就来到了株洲,来到了美丽田心")
d.rel("located_in", TX, ZZ, "第一站就来到了株洲,来到了美丽田心")
d.ent("EVENT", None, "交通与能源创新融合高峰论坛", date=None, note="part of the festival; no own date")
d.ent("EVENT", None, "中车“天行”电气化公路运输系统发布会", date=None)
d.ent("EVENT", None, "“沉香之夜”青年科技人才交流会", date=None)

# ---- article 5 (胡长春)
P = d.ent("PER", "journalist", "周圆"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/周圆)")
ZFW = d.ent("ORG", "party", "株洲市委政法委", {"市委政法委": "市委副书记、市委政法委书记"}, note="qualified name constructed")
LDXZ = d.ent("ORG", "government", "市域社会治理现代化试点验收领导小组")
HCC = d.ent("PER", "official", "胡长春")
EVB = "市委副书记、市委政法委书记、市域社会治理现代化试点验收领导小组常务副组长"
d.pos(HCC, "市委副书记", SW, "市委副书记、市委政法委书记")
d.pos(HCC, "市委政法委书记", ZFW, "市委副书记、市委政法委书记")
d.pos(HCC, "常务副组长", LDXZ, "市域社会治理现代化试点验收领导小组常务副组长")
d.pos(HCC, "办公室主任", LDXZ, "领导小组常务副组长、办公室主任胡长春出席并讲话")
PX = d.ent("EVENT", None, "全市市域社会治理现代化试点验收常态化督导培训会", date="2023-03-27")
d.date(PX, "2023-03-27", "3月27日,全市市域社会治理现代化试点验收常态化督导培训会召开")
d.rel("attended", HCC, PX, "办公室主任胡长春出席并讲话")
d.rel("spoke_at", HCC, PX, "办公室主任胡长春出席并讲话")

# ---- article 6 (硬质材料产业园)
P = d.ent("PER", "journalist", "俞强年"); d.pos(P, "全媒体记者", ZZRB, "株洲日报讯(全媒体记者/俞强年 通讯员/漆小丽)")
P = d.ent("PER", "journalist", "漆小丽"); d.pos(P, "通讯员", None, "通讯员/漆小丽)")
HT = d.ent("LOC", "admin", "荷塘区")
JS = d.ent("LOC", "zone", "金山工业园")
d.rel("located_in", JS, HT, "荷塘区金山工业园内")
YZ = d.ent("PROJECT", None, "长株潭先进硬质材料产业园项目",
           {"长株潭先进硬质材料产业园": "长株潭先进硬质材料产业园交易会会展中心封顶",
            "国际交易中心": "“国际交易中心”总项目达产后"},
           note="总投资约100亿元 but no investor named; “国际交易中心”总项目 read as the same overall project (doubtful)")
d.rel("located_in", YZ, JS, "荷塘区金山工业园内,长株潭先进硬质材料产业园项目正加紧施工")
d.ent("LOC", "facility", "长株潭先进硬质材料产业园交易会会展中心", {"交易会会展中心": "一期交易会会展中心的11栋建筑主体已全部封顶"})
JC = d.ent("ORG", "company", "株洲金城华亿发展有限公司")
P = d.ent("PER", "executive", "龙效中"); d.pos(P, "总经理", JC, "株洲金城华亿发展有限公司总经理龙效中介绍")
d.ent("LOC", "region", "长株潭")
d.ent("LOC", "region", "珠三角")

# ---- article 7 (photo)
P = d.ent("PER", "journalist", "杨如"); d.pos(P, "全媒体记者", ZZRB, "株洲日报全媒体记者/杨如摄")
TY = d.ent("LOC", "admin", "天元区")
SM = d.ent("LOC", "admin", "三门镇")
HTC = d.ent("LOC", "admin", "黄田村")
d.rel("located_in", SM, TY, "天元区三门镇黄田村")
d.rel("located_in", HTC, SM, "天元区三门镇黄田村")
DZZ = d.ent("ORG", "party", "黄田村党总支")
d.rel("located_in", DZZ, HTC, "黄田村党总支书记何任奇说")
P = d.ent("PER", "official", "何任奇"); d.pos(P, "书记", DZZ, "黄田村党总支书记何任奇说")

# ---- article 8 (银力)
P = d.ent("PER", "journalist", "易蓉"); d.pos(P, "全媒体记者", ZZRB, "执行:株洲日报全媒体记者/易蓉")
d.ent("PER", "journalist", "董介", note="策划 credit (planner/editor), not counted as author")
d.ent("PER", "journalist", "罗佳", note="策划 credit (planner/editor), not counted as author")
GL = d.ent("LOC", "facility", "青龙湾观澜美郡别墅区")
d.rel("located_in", GL, LK, "绿口区青龙湾观澜美郡别墅区")
YL = d.ent("ORG", "company", "湖南银力混凝土有限公司",
           {"银力混凝土公司": "(以下简称银力混凝土公司)", "湖南银力混凝土公司": "包括湖南银力混凝土公司在内的多家企业"})
ZFY = d.ent("PER", "executive", "朱飞跃"); d.pos(ZFY, "董事长", YL, "湖南银力混凝土有限公司(以下简称银力混凝土公司)董事长朱飞跃说")
HD = d.ent("ORG", "education", "湖南大学")
ZL = d.ent("EVENT", None, "湖南省专利转化对接大会", date="2023-02-27", note="year from the issue date (2023)")
d.date(ZL, "2023-02-27", "2月27日,在湖南省专利转化对接大会上")
d.rel("attended", YL, ZL, "在湖南省专利转化对接大会上,银力混凝土公司与湖南大学“相亲”成功")
d.rel("attended", HD, ZL, "在湖南省专利转化对接大会上,银力混凝土公司与湖南大学“相亲”成功")
d.rel("cooperates_with", YL, HD, "专利作价入股银力混凝土公司,双方达成合作")
d.ent("EVENT", None, "蓝天保卫战", date=None, note="named campaign (2019); borderline EVENT")
d.ent("LOC", "admin", "长沙")

d.save(sys.argv[1] if len(sys.argv) > 1 else "gold/seeds/004_9a49a8d8c7c6a212.json")
