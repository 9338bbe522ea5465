"""Every cue word the checker reads, once: what makes a figure a change, a rate, a share, a total or a base.

The checker reads normalised text (drafter.checker.text): Simplified characters, Chinese punctuation,
no spaces around figures. Patterns here are anchored where they are used: `…$` means "right before the
figure", `^…` "right after it".
"""

from __future__ import annotations

import re

UP = ("增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "增", "多", "扩大", "新增")
DOWN = ("下降", "减少", "降低", "回落", "下滑", "降幅", "减", "降", "少", "缩小", "压减")
_CHANGE = "|".join(sorted(UP + DOWN, key=len, reverse=True))

# 增长 / 增加了 / 下降为 / 同比增长 / 增长率为 … right before a figure
# (增长率达22.4% is a growth; 压减率达到100% is the level of a rate, so only 增长率 takes 达)
CHANGE_BEFORE = re.compile(rf"(?:(?:{_CHANGE})(?:了|率为|率|为|达到|达|约)?|增长率(?:达到|达))$")
# a line opening a document of a collection: 第二篇：…, …自评报告, …统计公告, …工作总结 (no sentence ends on it, no
# section number opens it: 四、学校布局调整工作总结 is a heading inside a report)
DOCUMENT_TITLE = re.compile(
    r"(?m)^[ \t\u3000]*(?:第[一二三四五六七八九十\d]+篇"
    r"|(?![一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])"
    r"[^\n。；]{4,60}(?:报告|公告|公报|总结)[ \t\r]*$)"
)
GROWTH_RATE_BEFORE = re.compile(r"(?:增长率|增幅|降幅|增速)(?:为|达到|达)?$")
# 增至 / 增加到 / 提高到 / 降至 / 下降到: the figure after it is the new value, not a change (the change word before
# 至/到 is optional, so it is not looked for: trying its twenty words at every character was most of the search)
TO_VALUE = re.compile(r"(?:至|到|变为|变成)(?:\d{4}年的?)?$")
FROM_VALUE = re.compile(r"(?:由|从)$")
# 比上年增加230人，达到4850人: the value a change said before it reached, in a clause of its own
REACHED = re.compile(
    r"[，,](?:分别)?(?:达到|达|增至|增加到|增长到|提高到|提升到|上升到|升至|降至|降到|下降到|降低到|减少到|减至)$"
)
FROM_LOOSE = re.compile(
    r"(?:由|从)[^，。；由从]{0,16}$"
)  # 由2011年的62.3%提高到…, 由台账建立之初的约60万人降至…
# the base of a comparison right before a figure: 比上年的 / 较上年 / 比2021年 / 上年 / 与上年同口径相比的
BASE_BEFORE = re.compile(
    r"(?:(?:比|较|与|同)(?:上年|上一年|去年|前一年|同期|上年同期|\d{4}年(?:底|末)?)(?:同期|同口径)?(?:的|为)?"
    r"|(?:上年|去年|上一年)(?:为|是|的)?)$"
)
THIS_YEAR_BEFORE = re.compile(r"(?:本年|今年|当年)(?:为|是|的)?$")
COMPARE_TAIL = re.compile(r"(?:比|较|与|同)(?:上年|上一年|去年|前一年|同期|\d{4}年)")
PREVIOUS_YEAR = re.compile(r"(?:比|较|与|同)(?:上年|上一年|去年|前一年)|同比")
NAMED_YEAR = re.compile(r"(?:比|较|与)(\d{4})年")
AVERAGE_YEARLY = re.compile(r"年均$")

# a level rate or a share, named right before a % figure
RATE_WORDS = re.compile(r"率|占比|比例|比重|覆盖面|普及|达标")
SHARE_BEFORE = re.compile(r"(?:占|占到|占了)[^，。；]{0,30}?(?:的)?(?:比例|比重)?(?:为|达到|达)?$")
SHARE_RATIO_BEFORE = re.compile(r"(?:占比|所占比例|比例|比重)(?:为|达到|达|是)?$")

# the whole a rate is taken of, named as a population (适龄儿童总数3264人, 应入学…): 入学率 of 实际入学3231人
POPULATION_WHOLE = re.compile(r"适龄|总数|总人数|应入学|应到校")

# totals and their parts
TOTAL_BEFORE = re.compile(r"(?:共|共有|共计|合计|总计|总数|总共|累计|总数为|总量)(?:为|达到|达|有)?$")
TOTAL_WORDS = re.compile(r"共|合计|总计|总数|总共|累计")  # anywhere in a total's clause: 共建立党组织391个
# a total said to be the sum of what is listed: 合计12.8万平方米. A 共…其中 list may name the main items only
# (共有专任教师81025人，其中普通高校…特殊教育260人: 80953, the rest in schools it does not name)
# a total of all levels and kinds: 全县现有各级各类学校541所。其中，幼儿园173所，小学322所… lists every kind there is
ALL_KINDS = re.compile(r"各级各类")
SUMMED_WORDS = re.compile(r"共计|合计|总计|总共")
PARTS_START = re.compile(
    r"^[，]?(?:其中|含|包括)|^（(?:其中|含|包括)?|^[\u4e00-\u9fff]{1,6}(?<!的)(?:，其中|（其中)|^[\u4e00-\u9fff]{2,12}中，"
)  # a bracket after a total breaks it down; 新增3.2万个学位，其中…: the counted noun may come first;
# 15个学前双语教育项目中，天山区4个…: the counted noun and 中
# 分别, and 分配 (本级资金50.15万元（分配市本级42.67万元，鹤城区7.48万元）: all of it allocated)
PARTS_SPLIT = re.compile(r"分别|分配")
# the grades of an evaluation (评估结果为优秀的23所、良好的48所、合格的15所): the counts of its grades split what was
# evaluated (对全县86所幼儿园开展…督导评估); a grade opens its item's words, after 其中 or 结果为
GRADE = re.compile(
    r"(?:^|[为是：]|其中)(?P<grade>基本合格|不合格|合格|优秀|良好|基本称职|不称职|称职|基本达标|未达标|不达标|达标"
    r"|较好|较差|[A-DＡ-Ｄ甲乙丙丁][等级])(?:等次|等级|等)?(?:的|学校|单位|园|人员|教师|校长)?$"
)
BOTTOM_GRADES = frozenset(
    {"不合格", "基本合格", "不称职", "基本称职", "未达标", "不达标", "基本达标", "较差"}
)
EVALUATED = re.compile(r"评估|评价|督导|考核|年检|检查|验收|评定|测评|评审|考评")

# products a clerk states (checker.rules.products): 按10%计提教育资金3200万元 — the amount drawn, the rate it is drawn
# at (按不低于城市教育费附加10%的比例) and, in the same sentence, the one amount it is drawn from
DRAWN_BEFORE = re.compile(r"(?:计提|提取)(?:了)?[一-鿿]{0,8}?(?:为|达|共)?$")
DRAWN_AT = re.compile(r"按(?P<least>不低于|不少于)?[一-鿿]{0,12}$")  # before the rate
DRAWN_AT_AFTER = re.compile(r"(?:的比例|的标准)?(?:计提|提取)")  # after the rate
# 每生每天5元，全年按200天计，每生每年1000元: an amount per day or month, the days or months counted, and the
# amount per year they make
PER_PERIOD = re.compile(r"每(?:天|日|月)(?:补助|补贴|标准)?(?:为|按)?$")
PERIODS_AFTER = re.compile(r"月")  # right after a count read in 个: 12个月
PER_YEAR = re.compile(r"每年|全年|一年")
# 在校生46人，…按每生每年6000元拨付，全年拨付27.6万元: a standard per head and year, and the amount paid for the heads
PER_HEAD_YEAR = re.compile(r"每(?:生|人|名学生)每年(?:补助|补贴|标准)?(?:为|按)?$")
# 学生31250人，按每生每天5元标准、全年200天计，下达补助资金3125万元: per head and day (or month), the days counted
PER_HEAD_PERIOD = re.compile(r"每(?:生|人|名学生)每(?:天|日|月)(?:补助|补贴|标准)?(?:为|按)?$")
PAID_BEFORE = re.compile(r"(?:拨付|发放|安排|下达)(?:了)?[\u4e00-\u9fff]{0,8}?(?:为|达|共)?$")

# the rest of a count, said after a part of it (排查隐患136处，已整改132处，…，其余4处正在整改)
REST = re.compile(r"(?:其余|剩余|余下)的?(?:为|有)?")

# qualifiers of a figure
APPROX_BEFORE = re.compile(r"(?:约|近|逾|超过|接近|大约|将近|不足|不到|高达|首超|突破|超|至少|最多)$")
APPROX_AFTER = re.compile(r"^(?:左右|以上|以下|以内|上下|多|余)")

# standards and targets
TARGET_VERB = re.compile(  # 高于当地公务员平均工资收入10.98万元: a standard named in up to 16 characters
    r"^(?:均|已|已经)?(超出|超过|高于|低于|达到|完成|实现不低于|不低于|优于|比)(?=了?(?:省定|国家|市定|县定)?[^，。；率]{0,16}$)"
)
STANDARD_WORDS = re.compile(r"标准|目标|要求|指标|规定|省定|国家")
GAP_BEFORE = re.compile(r"(?:还差|相差|差距|仍差|尚差|低于目标|距离目标)$")

# a sum over years, not one year's value: 累计, 历年, 过去6年, 五年来, 近三年 (not 2019年至2022年: a change over them)
OVER_YEARS_WORDS = re.compile(
    r"累计|历年|过去[\d一二三四五六七八九十]{1,2}年|[\d一二三四五六七八九十]年来|近[\d一二三四五六七八九十]{1,2}年"
)
# an amount said for a range of years or a plan period is spent over it: 2021年至2023年，累计投入…; “十三五”期间
YEARS_RANGE = re.compile(
    r"(?:19|20)\d\d年?(?:至|到|—|－|-|~)(?:19|20)?\d\d年|[十]?[一二三四五]五”?(?:期间|以来|时期)"
)

# future or planned figures: not facts of the year
# 巩固率98.6%，高于省定96%的标准: the figure is the standard a value is held against, not a value
STANDARD_SAID = re.compile(r"(?:高于|低于|超过|超出|优于|不低于|不高于|达到)[^，。；、\d]{0,8}$")
STANDARD_AFTER = re.compile(r"(?:及?以上|及?以下)?的?(?:国家|省定|省级|市定)?(?:标准|要求)(?!化)")
FUTURE = re.compile(
    r"确保(?!了)|力争|争取|计划|预计|将|目标|下一步|今后|三年内|到20\d\d年(?!的?\s*\d)|确定建设|规划|拟"
)
# a plan in the sentence of a claim in words (确保了 states a result): 目标/规划/计划 as nouns (实现4%目标以来, 制定…发展规划,
# 三年攻坚计划) name one without planning anything; 目标是…, 计划到…, 规划到… do
PLAN = re.compile(
    r"确保(?!了)|力争|争取|预计|将|下一步|今后|三年内|到20\d\d年(?!的?\s*\d)|确定建设|拟"
    r"|目标(?:是|为|：)|(?:计划|规划)(?:到|在|于|用|\d)"
)

# the sentence and clause boundaries of normalised text
SENTENCE_END = re.compile(r"[。！？；\n]")
CLAUSE_END = re.compile(r"[，：、]")


def direction_of(words: str) -> int:
    """+1 when the change words right before a figure go up (增长), −1 when down (下降), 0 when none."""
    match = CHANGE_BEFORE.search(words)
    if not match:
        return 0
    cue = match.group(0)
    return -1 if any(cue.startswith(w) for w in DOWN) else 1


# claims made in words (checker.statements): what each kind says, as printed. A group `not` is a denial
# inside the claim (大班额尚未清零), `verb` the claim's verb, `obj` what the verb is said of (the words that
# name it, not hedges of the claim: 全部实现县域义务教育基本均衡发展 is not hedged).
_QUOTED = r"(?:《[^》]{1,24}》|“[^”]{1,40}”)"
_RELATION = r"(?:不低于|不高于|不少于|不超过|高于|低于|超过)"
STATEMENTS = {
    "two_no_decrease": re.compile(
        r"(?:实现|落实|做到|达到)?了?[“\"「『]?两个只增不减[”\"」』]?(?:要求|目标)?"
        r"|(?:教育投入|教育经费|教育支出)[^。；，]{0,6}只增不减"
    ),
    "not_below_civil_servant": re.compile(
        r"(?:教师|教职工)[^。；，]{0,16}工资(?:收入)?(?:水平)?(?:不低于|高于|低于|未低于)(?:当地|同级|本地)?公务员"
    ),
    "eliminated_large_class": re.compile(
        r"(?:全面|全部|彻底|已经|已|实现)?(?:消除|清零)了?(?:\d+人以上|五十六人以上)?(?<!超)大班额"
        r"|(?<!超)大班额[”\"」』]?(?:问题)?(?:已经|已)?(?P<not>尚未|仍未|未能|未|没有)?(?:全面|全部|彻底)?(?:消除|清零)"
    ),
    "eliminated_super_large_class": re.compile(
        r"(?:全面|全部|彻底|已经|已)?(?:消除|清零)了?(?:\d+人以上)?超大班额"
        r"|超大班额[”\"」』]?(?:已经|已)?(?P<not>尚未|仍未|未能|未|没有)?(?:全面|全部|彻底)?(?:消除|清零)"
    ),
    "zero_dropout": re.compile(
        r"零辍学|无辍学|辍学(?:学生)?(?:实现)?(?:动态)?清零"
        r"|(?:实现|保持)了?(?P<obj>[^，。；“”]{0,30}?辍学[^，。；]{0,24}?[“\"]?)?(?:动态)?清零"
    ),
    "full_coverage": re.compile(r"(?:实现|达到)了?[^。；，]{0,16}?全覆盖|全面覆盖"),
    # 全省104个县全部实现县域义务教育基本均衡发展: the count before it against the count of those that did
    "all_achieved": re.compile(
        r"(?:全部|全都|均已|均)(?:已经|已)?(?P<not>尚未|未能|未|没有)?(?:实现|达到)了?(?P<obj>[^，。；、]{4,24})"
    ),
    # 做到了“一般不低于4%” / 连续8年保持在4%以上 / 连续第四年超过4%: a standard kept, the value stated before
    "standard_kept": re.compile(
        rf"(?:做到|实现|保持在?|达到)了?[“\"「『]?(?:一般)?{_RELATION}\d+(?:\.\d+)?%[”\"」』]?"
        rf"|连续第?[\d一二三四五六七八九十]+年(?:保持在?|做到|均)?(?:{_RELATION}\d+(?:\.\d+)?%|\d+(?:\.\d+)?%(?:以上|以下))"
    ),
    # 教育支出增长高于财政经常性收入(增长): two growth rates the text states
    "growth_versus": re.compile(
        r"增长(?:幅度|率)?(?P<verb>高于|快于|低于|慢于|超过)(?P<obj>[^，。；\d\-－]{2,16}?)"
        r"(?:的?增长(?:幅度|率)?)?(?=[\d\-－，。；）)]|$)"
    ),
    "target": re.compile(
        r"(?P<verb>达到或超过|达到|超过|高于|超出|优于|未达到|低于|没有达到|未完成|超额完成|完成|实现|未实现)了?"
        rf"(?P<obj>(?:{_QUOTED}|[^，。；“”《》]){{0,30}}?)(?:的)?(?:工作)?(?:目标|标准|规定要求)(?:值|任务)?"
        r"|主要指标(?:已经|已)?(?:达到或超过|达到|超过)[^，。；]{0,12}?水平"
    ),
    "direction": re.compile(
        r"(?:稳步|持续|逐年|不断|继续|有所|明显|大幅|逐步|进一步|连续\d+年|连续[二两三四五六七八九十]+年)"
        r"(?:快速|较快|大幅|明显|稳步)?(?:提高|提升|增长|增加|上升|扩大|下降|减少|降低|回落)"
        # 初中生均…支出比上年下降，… with no figure after it: the direction alone is the claim
        r"|(?:比上年|较上年|比去年|较去年)(?:提高|提升|增长|增加|上升|下降|减少|降低|回落)(?![了为达到\s]*[\d０-９])"
    ),
}

# the words every match of a kind above holds, each starting at most so many characters into the match
# (core.scan): the kinds whose patterns open with optional words are looked for only around them
STATEMENT_ANCHORS: dict[str, tuple[tuple[str, ...] | re.Pattern[str], int]] = {
    "two_no_decrease": (("只增不减",), 10),  # 达到了“两个只增不减 / 教育经费[^。；，]{0,6}只增不减
    "eliminated_large_class": (("消除", "清零", "大班额"), 2),  # 全面消除…大班额 / 大班额…消除
    "eliminated_super_large_class": (("消除", "清零", "超大班额"), 2),
    "zero_dropout": (("辍学", "实现", "保持"), 1),  # 零辍学 / 辍学…清零 / 实现…清零
    "full_coverage": (("实现", "达到", "全面覆盖"), 0),
    "standard_kept": (("做到", "实现", "保持", "达到", "连续"), 0),
    # every verb of the first alternative holds one of these within its first two characters (没有达到,
    # 超额完成, 未实现); the second opens with 主要指标
    "target": (("达到", "超过", "高于", "超出", "优于", "低于", "完成", "实现", "主要指标"), 2),
    # every match opens with one of its first words, found by one scan (they cannot overlap: none ends as
    # another begins); the pattern itself opens with a group of words, which the engine tries at every character
    "direction": (
        re.compile("稳步|持续|逐年|不断|继续|有所|明显|大幅|逐步|进一步|连续|比上年|较上年|比去年|较去年"),
        0,
    ),
}

# a level and the levels it is made of (the names are the first words of checker.labels.LEVELS' groups): a share
# "of the stage" is of the sum of its parts (高中阶段 = 普通高中 + 中职)
LEVEL_MADE_OF = {
    "义务教育": ("小学", "初中"),
    "中小学": ("小学", "初中", "高中"),
    "高中阶段": ("高中", "中职", "技工"),
    "普通中学": ("初中", "高中"),
}
SHARE_OF = re.compile(
    r"占([^，。；]{2,20}?)(?:的?比例|的?比重|比)(?:为|是|达到|达)?$"
)  # 占高中阶段在校学生比例为


# the places a count of places counts, synonyms in one kind: 39个省份 is no count of 县 (中部未通过认定的县), and
# 中部2个省份 no part of 136个县
# (省区 is no 区: 覆盖了22个省区的880多个县)
PLACE_KINDS = (
    ("省份", "省", "自治区", "省区", "省（区、市）", "省(区、市)"),
    ("市", "州", "盟"),
    ("县（市、区）", "县(市、区)", "县市区", "县区", "区县", "县", "区", "旗"),
    ("乡镇", "乡", "镇", "街道"),
    ("村",),
)
# what a count of institutions or things counts, synonyms in one kind: 818所高校 is no count of 中学, 53所托儿所
# none of 幼儿园, 87个社区 none of 竣工项目 (学校, 园 and 校 count any of them: no kind)
THING_KINDS = (
    ("高校", "高等学校", "大学", "院校"),
    ("中学", "小学", "中小学", "初中", "高中", "完全中学", "初级中学", "高级中学"),
    ("幼儿园",),
    ("托儿所", "托育机构"),
    ("社区",),
    ("学位",),
    ("教学班", "班级"),
    ("项目",),
    ("考区",),  # 全市共设6个考区26个考点1005个考场 (朔州 2018): the 高考's venues, three kinds
    ("考点",),
    ("考场",),
)
THING_KIND = {word: n for n, words in enumerate(THING_KINDS) for word in words}
THING = re.compile("|".join(re.escape(w) for w in sorted(THING_KIND, key=len, reverse=True)))
# places of several kinds at once (20个省市): no kind to tell apart
MIXED_PLACES = (
    "省市",
    "省区市",
    "省（区、市）",
    "省(区、市)",
    "市县",
    "县市",
    "市州",
    "州市",
    "市县区",
    "市区县",
)
PLACE_KIND: dict[str, int | None] = {word: n for n, words in enumerate(PLACE_KINDS) for word in words}
PLACE_KIND.update(dict.fromkeys(MIXED_PLACES))
PLACE = re.compile("|".join(re.escape(w) for w in sorted(PLACE_KIND, key=len, reverse=True)))


def other_places(said: str, named: str) -> bool:
    """Two place words (`PLACE`) of two kinds: neither of them of several kinds at once."""
    kinds = PLACE_KIND[said], PLACE_KIND[named]
    return None not in kinds and kinds[0] != kinds[1]
