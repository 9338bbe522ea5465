"""Real report text rendered the ways reports arrive: .docx, .pdf and .doc through LibreOffice, a TRS-like web page.

Used by the reader tests and bench/formats.py. `gongwen=True` makes the .docx (and so the PDF) look like a
公文 exported from WPS/Word: GB/T 9704 margins and 16 pt body, first-line indents, a running header, page
numbers "— N —" in the footer, and a 版记 (抄送 / 印发) after the signature.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
TITLE_MAX = 60  # characters: longer first lines are body text (some excerpts start without a title)
IMPRINT = ("抄送：市委办公室，市人大常委会办公室，市政协办公室。", "市人民政府办公室 2022年3月20日印发")


def split_front(markdown: str) -> tuple[dict[str, str], str]:
    """(front matter as plain key → value strings, the text after it)."""
    match = FRONT.match(markdown)
    if not match:
        return {}, markdown
    meta = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        if key and not key.startswith(" "):
            meta[key.strip()] = value.strip().strip('"')
    return meta, markdown[match.end() :]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_docx(text: str, path: Path, *, gongwen: bool = False, header: str = "") -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(37),
        Mm(35),
        Mm(28),
        Mm(26),
    )
    normal = document.styles["Normal"]
    normal.font.size = Pt(16 if gongwen else 12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if (
            gongwen and number == 0 and len(line) <= TITLE_MAX
        ):  # a title is centred; a long first paragraph is not
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif gongwen:
            paragraph.paragraph_format.first_line_indent = Pt(32)
    if gongwen:
        for line in IMPRINT:
            document.add_paragraph(line)
        section.header.paragraphs[0].text = header or lines[0][:20]
        _page_number_footer(section.footer.paragraphs[0])
    document.save(path)
    return path


def _page_number_footer(paragraph) -> None:
    """'— N —' with a PAGE field, centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    for kind, instruction in (("begin", ""), ("", " PAGE "), ("end", "")):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = instruction
        run._r.append(element)
    paragraph.add_run(" —")


def convert(sources: list[Path], fmt: str, outdir: Path, timeout: float = 600) -> list[Path]:
    """Convert many files in one LibreOffice run (fmt: pdf, doc, docx); returns the files made."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafter-render-") as profile:
        subprocess.run(
            [
                soffice() or "soffice",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            capture_output=True,
            timeout=timeout,
            check=True,
        )
    return [outdir / f"{source.stem}.{fmt}" for source in sources]


TRS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_{site}</title>
<style>.nav li{{display:inline}}</style><script>var _hmt = _hmt || [];</script></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a></div>
<ul class="nav"><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li>
<li><a href="/jyxx">教育信息</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div class="article">
 <h1 class="title">{title}</h1>
 <div class="info">发布时间：2023-06-12 09:30 &nbsp; 来源：{site} &nbsp; 浏览次数：1286 &nbsp; 字体：[大 中 小]</div>
 <div class="TRS_Editor"><style>.TRS_Editor P{{line-height:2;font-size:16pt}}</style>
{body}
 </div>
 <div class="share">分享到：微信 微博 &nbsp; 【打印本页】 【关闭窗口】</div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/a/1.html">关于做好2023年秋季学期开学工作的通知</a><span>2023-08-25</span></li>
<li><a href="/a/2.html">全市教育工作会议召开</a><span>2023-02-16</span></li>
<li><a href="/a/3.html">2022年教育经费统计公告</a><span>2022-11-30</span></li></ul></div>
<div class="footer"><p>主办单位：{site} &nbsp; 地址：人民路18号 &nbsp; 邮编：037000</p>
<p>联系电话：0353-2021234 &nbsp; 网站标识码：1403000012</p>
<p><a href="https://beian.miit.gov.cn">晋ICP备05001234号-1</a> &nbsp; 晋公网安备 14030202000123号</p>
<p>您是第 <span>1283456</span> 位访问者</p></div>
</body></html>
"""


def write_html(
    text: str, path: Path, *, title: str, site: str = "某市教育局", encoding: str = "utf-8"
) -> Path:
    """The text as the article of a TRS-like government page: one <p> per line, menus and footers around it."""
    body = "\n".join(
        f'<p style="text-indent:2em">{html.escape(line.strip())}</p>'
        for line in text.splitlines()
        if line.strip()
    )
    page = TRS_PAGE.format(charset=encoding, title=html.escape(title), site=site, body=body)
    path.write_bytes(page.encode(encoding))
    return path
