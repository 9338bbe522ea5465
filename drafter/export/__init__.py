"""Exports of a draft: draft.md (markdown), the 公文 Word file (docx), the checked HTML report (html)."""
