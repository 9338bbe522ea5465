"""Find every figure in Chinese report text: Arabic and Chinese numerals, 万/亿, units, and what is not a figure.

Decisions (documented in the README):
- Units stay as printed (21.09亿元 keeps 21.09 with 亿元); `to_base` converts for comparisons.
- Not figures (`ignored` says why): years and year ranges, dates, 文号, phone numbers, section numbers,
  ordinals (第155次、156次常委会, 第1名, 前1%), anything inside 《…》, numbers inside short “…” names
  (“5+2+1”, “1331工程”), names such as 两个只增不减 / 四个意识, 56人以上大班额 (a category),
  5+2 / 1+X / 4A / 100M, ratios (66：34), durations (3年, 三年内), a lone 一 with a counter (一所, 一批).
- A range (3—5年, 600-800元) gives two figures with the unit of the range.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

import cn2an

from drafter.core.scan import Anchored, replacer
from drafter.core.types import Figure

# full-width digits and Traditional unit characters, one character for one so offsets stay valid
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％＋－～萬億個項場處條節間臺張種類輛歲兩",
    "0123456789.%+-~万亿个项场处条节间台张种类辆岁两",
)
_HALF_WIDTH = replacer(_FULLWIDTH)

UNITS = (
    "个百分点",
    "百分点",
    "万平方公里",
    "平方公里",
    "万平方米",
    "平方米",
    "万平米",
    "平米",
    "万㎡",
    "㎡",
    "万亿元",
    "万亿",
    "万人次",
    "人次",
    "万元",
    "亿元",
    "千元",
    "万人",
    "万名",
    "万个",
    "万所",
    "万册",
    "万间",
    "万台套",
    "万台",
    "万套",
    "万张",
    "万件",
    "万项",
    "亿人次",
    "亿人",
    "亿册",
    "元",
    "%",
    "‰",
    "所",
    "个",
    "人",
    "名",
    "班",
    "倍",
    "次",
    "项",
    "家",
    "台套",
    "台",
    "套",
    "册",
    "小时",
    "分钟",
    "分",
    "亩",
    "条",
    "篇",
    "场次",  # 开展活动1076场次: a count of sessions, not of 场
    "场",
    "节",
    "期",
    "批",
    "间",
    "座",
    "门",
    "起",
    "份",
    "处",
    "件",
    "张",
    "种",
    "类",
    "支",
    "辆",
    "岁",
    "户",
    "周",
    "天",
    "轨",
    "位",
    "块",
    "部",
    "年",
    "万",
    "亿",
)
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
CN_COUNTERS = (
    "个百分点",  # 提高二点一个百分点: 2.1 points, not 2.1个
    "所",
    "个",
    "人",
    "名",
    "家",
    "项",
    "次",
    "场",
    "批",
    "座",
    "间",
    "台",
    "套",
    "册",
    "班",
    "倍",
    "种",
    "条",
    "篇",
    "节",
    "期",
    "处",
    "件",
    "支",
    "类",
    "年",
    "元",
    "万元",
    "亿元",
    "万人",
)
_CN_COUNTER_RE = "|".join(re.escape(u) for u in sorted(CN_COUNTERS, key=len, reverse=True))

# a number not right after a digit or a point: the lookbehind follows the first digit (\d(?<![\d.]\d) is
# (?<![\d.])\d), so the pattern opens with a digit and is searched for in C, not tried at every character
_ARABIC = re.compile(
    r"(\d(?<![\d.]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?:\.\s?(\d+))?(?!\.\d)"
    rf"(\s?(?:余|多))?\s?({_UNIT_RE})?"
)
_CHINESE = re.compile(
    rf"([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)(余|多)?({_CN_COUNTER_RE})"
)
_PAIR_SEP = re.compile(r"[，,、]\s?(?:本年|今年|当年)(?:为|是)?")
_RANGE_SEP = re.compile(r"\s?[-—–~至到]{1,2}\s?")

# the characters that may stand between the start of a pattern below and its anchor (Anchored.lead)
_LEAD_DIGITS = re.compile(r"[\d\s]")
_LEAD_DECIMAL = re.compile(r"[\d\s.]")
_LEAD_DASH = re.compile(r"[\d\s\-—]")
_LEAD_PEOPLE = re.compile(r"[\d\s人名及]")
_LEAD_BLANK = re.compile(r"[ \t]")
_LEAD_DIGIT = re.compile(r"\d")
_DOT_BEFORE_WORDS = re.compile(r"[.．](?=[\u4e00-\u9fff])")  # a list item's dot, not a decimal point
_DATE_SEPARATOR = re.compile(r"[-/.](?=\s?\d{1,2}\s?[-/.])")  # the first separator of a date
# patterns, each with why what it finds is no figure; the ones that hold a rarer character a few characters
# in are looked for only around it (core.scan.Anchored, same matches)
_IGNORE_SPANS: tuple[tuple[re.Pattern[str] | Anchored, str], ...] = (
    (re.compile(r"《[^《》\n]{0,80}》"), "name"),
    # http://hqq.gov.cn/Notice/info/24483, www.moe.gov.cn, jyj@163.com: a web or mail address (its colon may be
    # normalized to ：), none of its digits a figure (cut at MAX_SPAN: a longer address keeps its tail's digits)
    (re.compile(r"(?:https?[:：]//|www\.|[\w.+-]{1,40}@)[!-~]{1,110}", re.ASCII), "url"),
    (re.compile(r"“[^“”\n]{0,20}”"), "name"),
    (re.compile(r"[〔［\[﹝(（【]\s*\d{4}\s*[〕］\]﹞)）】]\s*\d+\s*号"), "doc_number"),
    (re.compile(r"[发字]\d{3,6}号"), "doc_number"),  # 伊政教督委发20235号: a 文号 whose brackets were lost
    (  # …全面领导1 .党组织: a list item run into the line before
        Anchored(
            re.compile(r"[\u4e00-\u9fff。；：]\d{1,2}\s?[.．](?=[\u4e00-\u9fff])"), _DOT_BEFORE_WORDS, 4
        ),
        "section_number",
    ),
    (  # 占全区总人口的1/4: a fraction
        Anchored(re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}/\d{1,3}(?![\d/.])"), ("/",), 2),
        "ratio",
    ),
    (  # 全国31个省（区、市）: the provinces (31个省级示范园 is a count)
        Anchored(
            re.compile(r"(?<!\d)31\s?个\s?省(?:份|区市|[（(]区、市[）)]|、自治区|、直辖市)"), ("31",), 0
        ),
        "name",
    ),
    # 琼教〔202089: a number cut short (the bracket first, the character before it checked after: a pattern
    # opening with a character class is searched for in C, one opening with a lookbehind is tried everywhere)
    (re.compile(r"[〔﹝](?<=[\u4e00-\u9fff][〔﹝])\s*\d{4,}"), "doc_number"),
    (  # 文盲率[5] / [1]本公报数据…: a note's mark, after a word or opening its line
        Anchored(
            re.compile(r"(?m)(?:(?<=[\u4e00-\u9fff%])|^[ \t\u3000]*)\[\d{1,2}\]"), ("[",), 0, _LEAD_BLANK
        ),
        "note",
    ),
    (  # 2021-09-01 / 2021.9.1: looked for only before a separator that another follows two digits on (not at
        # every digit, nor around every decimal point)
        Anchored(re.compile(r"\d{4}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{1,2}(?!\d)"), _DATE_SEPARATOR, 5),
        "date",
    ),
    # 【2506-340302-04-05-854773: a project's code, four or more groups of digits joined by hyphens
    (Anchored(re.compile(r"(?<![\d-])\d+(?:-\d+){3,}(?![\d-])"), ("-",), 0, _LEAD_DIGIT), "name"),
    (  # 2012 12: a line holding nothing but a year and a month, a page's date (the line's start checked after
        # its first two digits, as the patterns above do)
        re.compile(r"(?m)(?:19|20)(?<![^\n]..)\d{2}[ \t]+(?:0?[1-9]|1[0-2])[ \t]*$"),
        "date",
    ),
    (  # (each branch opens with its digit, the lookbehind after it: the engine looks for 0, 1 and 4 in C)
        re.compile(
            r"(?:1(?<!\d1)[3-9]\d{9}|0(?<!\d0)\d{2,3}\s?[-—–]{1,2}\s?\d{7,8}|4(?<!\d4)00-?\d{3}-?\d{4})(?!\d)"
        ),
        "phone",
    ),
    (re.compile(r"(?:邮编|邮政编码)[：:]?\s?\d{6}(?!\d)"), "address"),
    (re.compile(r"(?:附件|附表)\s?\d{1,2}(?!\d)"), "name"),  # 见附件1: the attachment's number
    (  # 表1 全市…情况 / 见表13—11 / （图2）: a table's or a figure's number, not 代表3名
        Anchored(
            re.compile(r"(?m)(?:^[ \t]*|(?<=[见如（(]))[表图]\s?\d{1,2}(?:[—\-－.．]\d{1,2})?(?!\d)"),
            ("表", "图"),
            0,
            _LEAD_BLANK,
        ),
        "name",
    ),
    (Anchored(re.compile(r"(?<=[路街巷弄])\d+(?:\s?[-—]\s?\d+)?号"), ("号",), 0, _LEAD_DASH), "address"),
    (
        Anchored(re.compile(r"\d+\s?(?:人|名)(?:及)?以上(?:的)?(?:超)?大班额"), ("以上",), 0, _LEAD_PEOPLE),
        "name",
    ),
    (
        Anchored(re.compile(r"超过\s?\d+\s?(?:人|名)的?(?:超)?大班额"), ("超过",), 0),
        "name",
    ),  # 超过66人的超大班额
    (Anchored(re.compile(r"\d+(?:\s?[+＋]\s?(?:\d+|[A-Za-zN]))+"), ("+", "＋"), 0, _LEAD_DIGITS), "name"),
    (Anchored(re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}[:：]\d{2}(?!\d)"), (":", "："), 2), "date"),
    (Anchored(re.compile(r"\d+(?:\.\d+)?\s?[:：]\s?\d+(?:\.\d+)?"), (":", "："), 0, _LEAD_DECIMAL), "ratio"),
    (Anchored(re.compile(r"(?<!\d)\d{1,2}\s?[-—~至]\s?\d{1,2}\s?月"), ("-", "—", "~", "至"), 3), "date"),
    (re.compile(r"[（(]\s?(?:\d{4}\s?[-—–~至]\s?\d{4})\s?[)）]"), "range-year"),
    (  # 每10万人中拥有大学文化程度的…, 每100名学生拥有: the base of a rate per head
        Anchored(re.compile(r"每\s?\d{1,4}\s?(?:万|千|百)?(?:人|名)(?=中|口|拥有|有|学生|幼儿)"), ("每",), 0),
        "name",
    ),
    (  # 中华人民共和国成立70周年, 建校60周年: an anniversary
        Anchored(re.compile(r"(?<![\d.])\d{1,3}\s?周年"), ("周年",), 0, _LEAD_DIGITS),
        "name",
    ),
    (  # 4所985高校、11所211高校: the names of two programmes of universities
        Anchored(
            re.compile(r"(?<!\d)(?:985|211)(?=(?:工程)?(?:高校|大学|院校|建设|重点))"), ("985", "211"), 0
        ),
        "name",
    ),
)
_NAME_PHRASES = re.compile(
    r"两个只增不减|两个维护|四个意识|四个自信|四个全面|五个统筹|两项事业|两支队伍|两套管理|三支队伍|四类评价|"
    r"五类主体|五项管理|十项举措|十个不得|一个严禁|三个加法|两类学校|两个覆盖|两个责任|四方责任|两张皮|三会一课|"
    r"两个确立|五个测评模块|三个100%"
)
MAX_SPAN = 120  # the longest ignore span (《…》 names are cut at 80 characters)
_HEADING_NUM = re.compile(
    r"(?m)(?:^[ \t\u3000]*|附件[:：]\s*)"
    r"(?:[（(]\s?\d{1,2}\s?[)）]|\d{1,2}\s?[.、．。)）](?!\d)|\d{1,2}[.．](?=(?:19|20)\d{2}年))"
)  # 1. / （2） / 3、 at a line's start, and 1.2023年… (an item that opens with a year) after 附件：
# 1幼儿园为3,364.22元 / 2普通小学为…: list numbers whose 、 was lost, bare at the start of consecutive paragraphs
_BARE_ITEM = re.compile(rf"(?m)^[ \t\u3000]*(\d{{1,2}})(?!{_UNIT_RE}|\d|[.,，])(?=[\u4e00-\u9fff])")


# the words around an Arabic number that make it no figure (compiled once: every number is read with them)
_ORDINAL_BEFORE = re.compile(r"(?:第|(?<![目之以此提当年月日事空眼])前)\s?$")  # 前1%, not 目前34个
_LISTED_ORDINAL_BEFORE = re.compile(r"第\s?\d+\s?[次届号名]?、\s?$")
_ITEM_MARK_AFTER = re.compile(r"[、.](?!\d)")
_OPEN_BEFORE = re.compile(r"[（(]\s?$")
_CLOSE_AFTER = re.compile(r"\s?[)）]")
_YYYYMMDD = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_MONTH_DAY_AFTER = re.compile(r"\s?(?:月|日)")
_LETTER_AFTER = re.compile(r"\s?[A-Za-z]")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")  # a letter right before: a code


class _Spans(NamedTuple):
    """The ignore spans sorted by start, and their starts apart: every number bisects them (a list of numbers
    is bisected in C without comparing tuples)."""

    spans: list[tuple[int, int, str]]
    starts: list[int]


def _in_spans(start: int, end: int, ignore: _Spans) -> str:
    """Why the span (start, end) lies inside one of the sorted ignore spans, or ''."""
    spans = ignore.spans
    k = bisect.bisect_right(ignore.starts, start)
    while k > 0:
        k -= 1
        s, e, why = spans[k]
        if s < start - MAX_SPAN:
            break
        if s <= start and end <= e:
            return why
    return ""


def _ignore_spans(norm: str) -> _Spans:
    """Sorted by start; none is longer than MAX_SPAN."""
    spans = [(m.start(), m.end(), why) for rx, why in _IGNORE_SPANS for m in rx.finditer(norm)]
    spans += [(m.start(), m.end(), "name") for m in _NAME_PHRASES.finditer(norm)]
    spans += [(m.start(), m.end(), "section_number") for m in _HEADING_NUM.finditer(norm)]
    spans += _bare_items(norm)
    kept = sorted(s for s in spans if s[1] - s[0] <= MAX_SPAN)
    return _Spans(kept, [s for s, _, _ in kept])


def _bare_items(norm: str) -> list[tuple[int, int, str]]:
    """Bare list numbers at paragraph starts that follow on one another (1…, 2…, 3…): section numbers."""
    marks = [(int(m.group(1)), m.start(1), m.end(1)) for m in _BARE_ITEM.finditer(norm)]
    out = []
    for k, (n, s, e) in enumerate(marks):
        before = marks[k - 1][0] if k else None
        after = marks[k + 1][0] if k + 1 < len(marks) else None
        if before == n - 1 or after == n + 1:
            out.append((s, e, "section_number"))
    return out


def _num_end(m: re.Match[str]) -> int:
    return max(m.end(1), m.end(2))  # the end of the decimals, if any (-1 when there are none)


_LISTED_YEARS_AFTER = re.compile(r"(?:、\s?(?:19|20)\d{2}(?!\d))+\s?年")


def _year_reason(norm: str, m: re.Match[str], unit: str) -> str:
    end = _num_end(m)
    after = norm[end : end + 8]
    if unit == "年" or re.match(r"\s?(?:学年|年|级|届)", after):
        return "year"
    if norm[end : end + 1] == "、" and _LISTED_YEARS_AFTER.match(norm, end):
        return "year"  # 2005、2008、2009年普通高等教育招生比例: the years before the one 年 follows
    if (
        not unit
        and re.match(r"[\u4e00-\u9fff]", after)
        and re.search(r"(?:^|[\n。；])\s*$", norm[max(0, m.start() - 3) : m.start()])
    ):
        return "year"  # 2020教育经费总投入为293.68亿元: a year at a sentence's start whose 年 was lost
    if re.match(r"\s?[-—–~至]\s?\d{4}(?!\d)", after) or re.search(
        r"\d{4}\s?[-—–~至]\s?$", norm[max(0, m.start() - 7) : m.start()]
    ):
        return "range-year"
    return ""


def _ordinal_reason(norm: str, m: re.Match[str], unit: str, integer: bool, end: int) -> str:
    before = norm[max(0, m.start() - 9) : m.start()]
    # both patterns of the words before end with 第 or 前 and at most two characters after it: most numbers
    # have neither in their last nine characters, and a test of two characters spares the two searches
    if ("第" in before or "前" in before) and (
        _ORDINAL_BEFORE.search(before) or _LISTED_ORDINAL_BEFORE.search(before)
    ):
        return "ordinal"
    if unit or not integer:
        return ""
    after = norm[end : end + 2]
    if _ITEM_MARK_AFTER.match(after):
        return "ordinal"
    if _OPEN_BEFORE.search(before) and _CLOSE_AFTER.match(after):
        return "ordinal"
    return ""


def _arabic_reason(norm: str, m: re.Match[str], value: float, unit: str) -> str:
    """Why an Arabic number is not a figure, or ''."""
    integer = m.group(2) is None and "," not in m.group(1)
    end = _num_end(m)
    after = norm[end : end + 3]
    if integer and len(m.group(1)) == 4 and 1900 <= value <= 2100 and (reason := _year_reason(norm, m, unit)):
        return reason
    if integer and _MONTH_DAY_AFTER.match(after) and not m.group(3):
        return "date"
    if integer and not unit and _YYYYMMDD.fullmatch(m.group(1)):
        return "date"  # （20111230中国人民银行公布…）: a date written as eight digits
    if reason := _ordinal_reason(norm, m, unit, integer, end):
        return reason
    start = m.start()
    if not unit and _LETTER_AFTER.match(after) or start > 0 and norm[start - 1] in _LETTERS:
        return "name"
    if unit == "年" and value < 100:
        return "duration"
    if (unit == "岁" or after.startswith("周岁")) and not _AVERAGE_BEFORE.search(
        norm, max(0, m.start() - 8), m.start()
    ):
        return "age"  # 36—45岁的1471人, 3至5周岁幼儿, 15岁及以上人口: the bounds of an age band name a group
    if (
        unit == "分"
        and integer
        and value >= 100
        and (
            _SCORE_LINE_AFTER.match(norm, end)
            or _SCORE_LINE_BEFORE.search(norm, max(0, m.start() - 2), m.start())
        )
    ):
        return "score_line"  # 高考过600分人数750人, 600分以上, 600分上线人数: a score line names a group
    return ""


_SCORE_LINE_AFTER = re.compile(r"\s*分?\s*(?:及)?(?:以上|以下|上线|线|段|人数|的考生|高分)")
_SCORE_LINE_BEFORE = re.compile(r"(?:过|超过|超|上)$")


_AVERAGE_BEFORE = re.compile(r"平均[^，。；]{0,6}$")  # 平均年龄为45.3岁: an age that is a figure


def _decimals(frac: str | None) -> int:
    return len(frac) if frac else 0


def _unit_and_end(norm: str, m: re.Match[str]) -> tuple[str, int]:
    """The unit as printed (万余人 -> 万人) and where the figure ends."""
    unit = m.group(4) or ""
    if unit in ("万", "亿"):
        tail = re.match(rf"(?:余|多)({_UNIT_RE})", norm[m.end() : m.end() + 4])
        if tail and tail.group(1) in ("人", "人次", "名", "元", "个", "亩", "所", "册", "套", "平方米"):
            return unit + tail.group(1), m.end() + tail.end()
    if unit:
        return unit, m.end(4)
    return "", (m.end(3) if m.group(3) else _num_end(m))


def _arabic_figures(text: str, norm: str, spans: _Spans) -> list[Figure]:
    figures: list[Figure] = []
    for m in _ARABIC.finditer(norm):
        whole, frac = m.group(1).replace(",", ""), m.group(2)
        value = float(f"{whole}.{frac}" if frac else whole)
        unit, end = _unit_and_end(norm, m)
        reason = _in_spans(m.start(), end, spans) or _arabic_reason(norm, m, value, unit)
        figures.append(Figure(m.start(), end, text[m.start() : end], value, unit, _decimals(frac), reason))
    return _people_counts(norm, _borrowed_units(norm, _spread_range_units(norm, figures)))


def _spread_range_units(norm: str, figures: list[Figure]) -> list[Figure]:
    """In 3—5年 / 600-800元 the first number takes the unit of the second."""
    out = list(figures)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.unit or not b.unit or not _RANGE_SEP.fullmatch(norm, a.end, b.start):
            continue
        reason = a.ignored or ("duration" if b.unit == "年" and b.ignored == "duration" else "")
        reason = reason or ("age" if b.ignored == "age" else "")
        if b.ignored in ("year", "range-year"):
            reason = "range-year"
        out[i] = Figure(a.start, a.end, a.text, a.value, b.unit, a.decimals, reason)
    return out


_PEOPLE = r"(?:人口|人数|学生|在校生|在园幼儿|幼儿|儿童|教师|教职工|招生|毕业生|人员)"
# a count of people right before a number: 在园幼儿11312, 总人口107万, 在校生约3.2万 (在校学生, 专任教师 end alike)
_PEOPLE_BEFORE = re.compile(_PEOPLE + r"(?:总数|数)?(?:为|达到|达|约|近|超|共|有|是)*$")
_PEOPLE_AFTER = re.compile(r"(?:余|多)?(?:学子|学生|儿童|幼儿|师生|孩子)")  # 惠及30万学子
_PEOPLE_LABEL = re.compile(_PEOPLE)


_CHANGE_OF_PREV = re.compile(r"[，,]?(?:比|较)(?:上年|上一年|去年)(?:同期)?(?:增加|减少|增长|下降)了?")


_BARE_END = re.compile(r"[，,。；;、）)]|$")  # a bare number ends its clause (or the text) right after it
_JUXTAPOSED = re.compile(r"[一二两三四五六七八九][一二两三四五六七八九]")  # 唯一一所: two digits side by side
_SCHOOLS_BEFORE = re.compile(r"(?:学校|幼儿园|院校|高校|大学|学院)(?:数)?(?:为|有|共有|共|达)?$")
_COUNTED_BEFORE = re.compile(r"(?:班级|班额|学校|幼儿园)(?:数)?(?:为|有|共有|共)$")


def _people_counts(norm: str, figures: list[Figure]) -> list[Figure]:
    """全县在园幼儿11312，其中…: a whole number right after a count of people, with no unit of its own, is 人;
    超大班额班级为0 is in 个, 学校数为12 in 所."""
    out = list(figures)
    for k, f in enumerate(out):
        bare = not f.unit and not f.ignored and f.decimals == 0 and _BARE_END.match(norm[f.end : f.end + 1])
        if (
            not f.unit
            and not f.ignored
            and f.decimals == 0
            and f.value >= 10
            and _PEOPLE_BEFORE.search(norm[max(0, f.start - 10) : f.start])
            and _BARE_END.match(norm[f.end : f.end + 1])
        ):
            out[k] = Figure(f.start, f.end, f.text, f.value, "人", 0, "")
        elif f.unit == "家" and _SCHOOLS_BEFORE.search(norm[max(0, f.start - 8) : f.start]):
            out[k] = replace(f, unit="所")  # 中等职业学校602家: schools are counted in 所, whatever the word
        elif bare and (counted := _COUNTED_BEFORE.search(norm[max(0, f.start - 8) : f.start])):
            out[k] = replace(f, unit="个" if "班" in counted.group(0) else "所")  # 超大班额班级为0
        elif f.unit in ("万", "亿") and not f.ignored:
            # 在园幼儿4093万，较上年减少534.5万: 万 of people, and the change of it in 万 too; 总人口107万, 惠及30万学子
            prev = out[k - 1] if k else None
            people = _PEOPLE_BEFORE.search(norm[max(0, f.start - 10) : f.start]) or _PEOPLE_AFTER.match(
                norm, f.end
            )
            change = (
                prev is not None
                and prev.unit == f.unit + "人"
                and _CHANGE_OF_PREV.fullmatch(norm[prev.end : f.start])
            )
            if people or change:
                out[k] = replace(f, unit=f.unit + "人")
    return out


_BASE_BEFORE = re.compile(r"(?:比|较)?(?:上年|上一年|去年|上年度)(?:同期)?的?$")
_CHANGE_AFTER = re.compile(r"(?:增加|减少|增长|下降|提高|降低|上升)")
_POINTS_BEFORE = re.compile(
    r"(?:(?:增加|减少|增长|下降|提高|降低|上升|提升|回落|分别)[^，。；、]{0,4}"
    r"|(?:高于|低于|高出|超出|超过)[^，。；、\d]{0,8})$"  # 分别高于全国平均水平5.3、0.1、7.8个百分点
)


def people_unit(unit: str, label: str) -> str:
    """A metric's bare 万 (or 亿) is 万人 when its label counts people (常住人口, unit 万): never money."""
    return unit + "人" if unit in ("万", "亿") and _PEOPLE_LABEL.search(label) else unit


_FROM_BEFORE = re.compile(r"[由从]$")
_TO_AFTER_FROM = re.compile(r"(?:增加|减少|增长|下降|提高|降低|上升|提升|扩大|缩小)?(?:为|到|至)")


def base_after_value(norm: str, a: Figure, b: Figure) -> bool:
    """Figure b is last year's value said after this year's (a, in the same clause run), with its change next:
    为14,609.52元，比上年的12,530.03增加…."""
    return bool(
        _BASE_BEFORE.search(norm[max(0, b.start - 8) : b.start])
        and _CHANGE_AFTER.match(norm, b.end)
        and not re.search(r"[。；\n]", norm[a.end : b.start])
    )


def _base_units(norm: str, figures: list[Figure]) -> list[Figure]:
    """为14,609.52元，比上年的12,530.03增加2,079.49元: the previous value printed bare is in the value's unit."""
    out = list(figures)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if b.unit or b.ignored or not a.unit or a.ignored:
            continue
        if base_after_value(norm, a, b):
            out[k] = replace(b, unit=a.unit)
        elif _TO_AFTER_FROM.fullmatch(
            norm, a.end, b.start
        ) and _FROM_BEFORE.search(  # (nothing else between them)
            norm, max(0, a.start - 2), a.start
        ):
            out[k] = replace(b, unit=a.unit)  # 由38150人下降为32294: the end value in the start value's unit
    return out


def _points_units(norm: str, figures: list[Figure]) -> list[Figure]:
    """分别比上年提高0.06个、2.56个百分点: a change listed before one in 个百分点 is in 个百分点 (个 cut short);
    so is every bare number of such a list, an aside in brackets after one left out (较2020年分别提高4.35
    （2020年为87.6%，2024年为91.95%）、1.23、1.45、6.76个百分点)."""
    out = list(figures)
    known: dict[int, int | None] = {}

    def nxt(k: int) -> int | None:
        if k not in known:
            known[k] = _next_after_aside(norm, out, k)
        return known[k]

    for k in range(len(out) - 1, -1, -1):
        a = out[k]
        if a.unit not in ("", "个") or a.ignored or (j := nxt(k)) is None:
            continue
        if out[j].unit not in ("个百分点", "百分点"):
            continue
        if not _LISTED.fullmatch(ASIDE.sub("", norm[a.end : out[j].start])):
            continue
        first = k
        while (p := _listed_before(norm, out, nxt, first)) is not None:
            first = p
        if _POINTS_BEFORE.search(norm[max(0, out[first].start - 12) : out[first].start]):
            out[k] = replace(a, unit=out[j].unit)
    return out


_LISTED = re.compile(r"[、和及与]")
# an aside in brackets right after a listed figure: 4.35（2020年为87.6%，2024年为91.95%）、1.23 (checker.reading too)
ASIDE_LONGEST = 42
ASIDE = re.compile(rf"（[^（）]{{0,{ASIDE_LONGEST - 2}}}）")


def _next_after_aside(norm: str, figures: list[Figure], k: int) -> int | None:
    """The figure after figure k, past a bracket that follows it right away."""
    end = figures[k].end
    if norm.startswith("（", end) and (close := norm.find("）", end, end + ASIDE_LONGEST)) >= 0:
        end = close + 1
    return next((j for j in range(k + 1, min(k + 12, len(figures))) if figures[j].start >= end), None)


def _listed_before(norm: str, figures: list[Figure], nxt: Callable[[int], int | None], k: int) -> int | None:
    """The bare number listed right before figure k (、 between them), if any: the first figure whose next
    one is k (the one whose aside holds those in between)."""
    p = next((j for j in range(max(0, k - 12), k) if nxt(j) == k), None)
    if p is None or figures[p].unit not in ("", "个") or figures[p].ignored:
        return None
    return p if _LISTED.fullmatch(ASIDE.sub("", norm[figures[p].end : figures[k].start])) else None


_COUNTERS = ("所", "个", "人", "名", "班")
_SIBLING = re.compile(r"[，、]([\u4e00-\u9fff]{2,8})")  # ，民办学校 before the last number of a bracket


def _bracket_siblings(norm: str, figures: list[Figure]) -> list[Figure]:
    """（其中农村学校314所，民办学校105）: the last number of a bracket, bare, takes the unit of the count before it
    when both are counted by the same noun (学校)."""
    out = list(figures)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if (
            not b.unit
            and not b.ignored
            and b.decimals == 0
            and a.unit in _COUNTERS
            and norm.startswith("）", b.end)
        ):
            nouns = _SIBLING.fullmatch(norm, a.end, b.start)
            if nouns and a.start >= 2 and norm[a.start - 2 : a.start] == nouns.group(1)[-2:]:
                out[k] = replace(b, unit=a.unit)
    return out


def _borrowed_units(norm: str, figures: list[Figure]) -> list[Figure]:
    """A unit printed once for a pair or a list: 上年9120.55，本年9433.10元 (the first takes 元);
    66.3万平方米（幼儿园6.4万、小学24.3万…） (each part takes 万平方米)."""
    out = list(figures)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not a.unit and not a.ignored and b.unit and _PAIR_SEP.fullmatch(norm, a.end, b.start):
            out[k] = Figure(a.start, a.end, a.text, a.value, b.unit, a.decimals, "")
    out = _base_units(norm, _points_units(norm, _bracket_siblings(norm, out)))
    for k, total in enumerate(out):
        if len(total.unit) > 1 and total.unit[0] in "万亿" and norm.startswith("（", total.end):
            close = norm.find("）", total.end)
            for j in range(k + 1, len(out)):
                part = out[j]
                if close < 0 or part.start > close:
                    break
                if part.unit == total.unit[0] and not part.ignored:
                    out[j] = Figure(
                        part.start, part.end, part.text, part.value, total.unit, part.decimals, ""
                    )
    return out


@lru_cache(maxsize=4096)
def _cn_value(numeral: str) -> float | None:
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _chinese_figures(text: str, norm: str, spans: _Spans) -> list[Figure]:
    figures: list[Figure] = []
    for m in _CHINESE.finditer(norm):
        numeral, unit = m.group(1), m.group(3)
        if numeral[-1] in "万亿" and unit in ("人", "元"):
            numeral, unit = numeral[:-1], numeral[-1] + unit
        if _JUXTAPOSED.search(numeral):
            numeral = numeral[-1]  # 唯一一所, 一一对应: juxtaposed digits are words, not one numeral
        if not numeral:
            continue
        value = _cn_value(numeral)
        if value is None:
            continue
        reason = _in_spans(m.start(), m.end(), spans) or _chinese_reason(norm, m, numeral, unit)
        decimals = len(numeral.split("点")[1]) if "点" in numeral else 0
        start = m.end() - len(numeral) - len(m.group(2) or "") - len(m.group(3))
        if m.group(1)[-1] in "万亿" and m.group(3) in ("人", "元"):
            start -= 1
        figures.append(Figure(start, m.end(), text[start : m.end()], value, unit, decimals, reason))
    return figures


def _chinese_reason(norm: str, m: re.Match[str], numeral: str, unit: str) -> str:
    if norm[max(0, m.start() - 1) : m.start()] == "第":
        return "ordinal"
    if numeral == "一" and unit != "个百分点":  # (提高一个百分点 is a figure)
        return "word"
    if unit == "年":
        return "duration"
    if numeral in ("百", "千", "万", "亿"):
        return "word"
    if norm[max(0, m.start() - 1) : m.start()] == "届" or norm[m.end() : m.end() + 2] in ("会议", "全会"):
        return "ordinal"
    if unit == "期" and norm[m.end() : m.end() + 2] in ("项目", "工程"):
        return "ordinal"  # 初中工程二期项目: the project's phase
    return ""


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every number in `text`, in order, with `ignored` set for the ones that are not figures."""
    norm = _HALF_WIDTH(text)
    spans = _ignore_spans(norm)
    figures = _arabic_figures(text, norm, spans) + _chinese_figures(text, norm, spans)
    return tuple(sorted(figures, key=lambda f: f.start))


# ---------------------------------------------------------------- units and formatting
_FACTORS: dict[str, tuple[float, str]] = {
    "元": (1, "元"),
    "千元": (1e3, "元"),
    "万元": (1e4, "元"),
    "亿元": (1e8, "元"),
    "万": (1e4, "元"),
    "亿": (1e8, "元"),
    "万亿元": (1e12, "元"),
    "万亿": (1e12, "元"),
    "人": (1, "人"),
    "名": (1, "人"),
    "万人": (1e4, "人"),
    "万名": (1e4, "人"),
    "人次": (1, "人次"),
    "万人次": (1e4, "人次"),
    "平方米": (1, "平方米"),
    "万平方米": (1e4, "平方米"),
    "平米": (1, "平方米"),  # 平米 and ㎡ are how reports often write 平方米
    "万平米": (1e4, "平方米"),
    "㎡": (1, "平方米"),
    "万㎡": (1e4, "平方米"),
    "个": (1, "个"),
    "万个": (1e4, "个"),
    "台套": (1, "套"),  # sets of equipment, 台 or 套 each
    "万台套": (1e4, "套"),
    "%": (1, "%"),
    "‰": (0.1, "%"),
    "个百分点": (1, "个百分点"),
    "百分点": (1, "个百分点"),
}


def to_base(value: float, unit: str) -> tuple[float, str]:
    """(value, unit) in the base unit of its family: 21.09亿元 -> (2109000000, '元'); 3.5万人 -> (35000, '人')."""
    factor, base = _FACTORS.get(unit) or _scaled(unit)
    return value * factor, base


def _scaled(unit: str) -> tuple[float, str]:
    """万所 -> (1e4, 所), 亿册 -> (1e8, 册); any other unit is its own base."""
    if len(unit) > 1 and unit[0] in "万亿" and unit[1:] not in ("元",):
        return (1e4 if unit[0] == "万" else 1e8), unit[1:]
    return 1, unit


@lru_cache(maxsize=256)
def family(unit: str) -> str:
    """元 for 元/万元/亿元, 人 for 人/名/万人, % for %/‰ …; the unit itself otherwise."""
    return to_base(1, unit)[1]


def same_family(unit_a: str, unit_b: str) -> bool:
    return family(unit_a) == family(unit_b)


def convert(value: float, unit: str, target_unit: str) -> float:
    """`value` in `unit` expressed in `target_unit` (same family)."""
    base, _ = to_base(value, unit)
    return base / to_base(1, target_unit)[0]


def mistyped(printed: str, meant: str) -> bool:
    """`printed` is `meant` with one digit mistyped or two digits next to each other swapped (76431 for 76413,
    45050 for 44050); only the digits are compared."""
    a, b = re.sub(r"\D", "", printed), re.sub(r"\D", "", meant)
    differ = _differ(a, b)
    return len(differ) == 1 or _swapped(a, b, differ)


def swapped_digits(printed: str, meant: str) -> bool:
    """`printed` is `meant` with two digits next to each other swapped, the decimal point in its place (0.48 for
    0.84; 0.3 is no 3.0)."""
    a, b = re.sub(r"[^\d.]", "", printed), re.sub(r"[^\d.]", "", meant)
    return a.find(".") == b.find(".") and _swapped(a, b, _differ(a, b))


def _differ(a: str, b: str) -> list[int]:
    """Where two strings of one length differ (none when their lengths differ)."""
    return [k for k in range(len(a)) if a[k] != b[k]] if len(a) == len(b) else []


def _swapped(a: str, b: str, differ: list[int]) -> bool:
    """a is b with the two characters next to each other at `differ` swapped."""
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and (a[differ[0]], a[differ[1]]) == (b[differ[1]], b[differ[0]])
    )


def round_half_up(value: float, decimals: int) -> float:
    quant = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quant, rounding=ROUND_HALF_UP))


def shown_decimals(value: float, max_decimals: int = 4) -> int:
    text = f"{round_half_up(value, max_decimals):.{max_decimals}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def format_number(value: float, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = shown_decimals(value)
    text = f"{round_half_up(value, decimals):.{decimals}f}"
    return "0" if text in ("-0", "-0.0") else text


def format_figure(value: float, unit: str, decimals: int | None = None) -> str:
    """(21.09,'亿元')->'21.09亿元'; (0.43,'%',2)->'0.43%'; (30,'所')->'30所'; integers without '.0'."""
    return f"{format_number(value, decimals)}{unit}"


def matches_shown(printed: float, decimals: int, actual: float) -> bool:
    """True when `actual` shows as `printed` at `decimals` (91.2 matches 91.24, not 91.26; 21 matches 21.09)."""
    # too far to round to `printed` (rounding moves a value by half a step): no need for Decimal
    if abs(actual - printed) > 2 * 10**-decimals + 1e-9 * (abs(actual) + abs(printed)):
        return False
    return abs(round_half_up(actual, decimals) - printed) < 10 ** -(decimals + 3)
