"""LibreOffice, headless, as the judge of tracked changes: open a .docx, accept (or reject) every tracked change
through the dispatcher, save as UTF-8 text. A Basic macro in a private user profile does it (no python-uno here)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Review(sIn As String, sMode As String, sOut As String)
  Dim aArgs(0) As New com.sun.star.beans.PropertyValue
  aArgs(0).Name = &quot;Hidden&quot;
  aArgs(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, aArgs())
  oDisp = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  Dim aNone() As New com.sun.star.beans.PropertyValue
  oDisp.executeDispatch(oDoc.CurrentController.Frame, &quot;.uno:&quot; &amp; sMode &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, aNone())
  Dim aSave(1) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot;
  aSave(0).Value = &quot;Text (encoded)&quot;
  aSave(1).Name = &quot;FilterOptions&quot;
  aSave(1).Value = &quot;UTF8,LF,,,&quot;
  oDoc.storeToURL(ConvertToURL(sOut), aSave())
  oDoc.close(True)
End Sub
</script:module>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile(work: Path) -> Path:
    """A private LibreOffice profile holding the Review macro (created by one conversion, then the macro added)."""
    profile = work / "lo-profile"
    if not (profile / "user" / "basic" / "Standard").is_dir():
        seed = work / "seed.txt"
        seed.write_text("x", encoding="utf-8")
        _run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(seed),
            ]
        )
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(MODULE, encoding="utf-8")
    return profile


def _run(args: list) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=120)


def review(docx: Path, mode: str, work: Path) -> str:
    """The document's text after LibreOffice accepts ("Accept") or rejects ("Reject") every tracked change."""
    profile = _profile(work)
    out = work / f"{Path(docx).stem}-{mode.lower()}.txt"
    out.unlink(missing_ok=True)
    macro = f'macro:///Standard.Module1.Review("{Path(docx).resolve()}","{mode}","{out}")'
    _run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", macro])
    return out.read_text(encoding="utf-8-sig")


def to_pdf(docx: Path, work: Path) -> Path:
    profile = _profile(work)
    _run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ]
    )
    return work / f"{Path(docx).stem}.pdf"
