"""The files of an OUT directory, named once."""

from __future__ import annotations

DRAFT_FILE = "draft.json"  # the source of truth: sections, statuses, provenance
MD_FILE = "draft.md"  # what editors change by hand
DOCX_FILE = "draft.docx"  # the 公文 to hand in
CHECK_FILE = "check.json"  # the checker's findings on draft.md
HTML_FILE = "draft.html"  # `drafter export --format html`
DOCX_MARK = ".draft.docx.sha256"  # the hash of the draft.docx Drafter last wrote (a Word edit changes it)
OUTPUT_FILES = (DRAFT_FILE, MD_FILE, DOCX_FILE, CHECK_FILE)
