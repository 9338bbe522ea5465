"""Secrets never leave in anything Drafter writes: the API key and Authorization values are redacted.

A misbehaving proxy or a prompt-injected exemplar can make a model echo the key; an error body can
carry it. `register(key)` (done by Settings.load) makes `redact()` replace it everywhere it is applied:
every atomic file write (draft.json, draft.md, check.json, the journal), every model reply, every error
message, and every log record (a record factory redacts the formatted message of each record).
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
MIN_SECRET = 8  # shorter values (a local server's dummy key) are not worth hunting for in prose
_AUTH = re.compile(r"(?i)\b(authorization\s*[:=]\s*[\"']?)(bearer\s+|basic\s+)?[^\s\"',;]+")
_KEYLIKE = re.compile(r"\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{12,}")
_secrets: set[str] = set()
_lock = threading.Lock()
_factory_installed = False


def register(secret: str) -> None:
    """Redact `secret` from now on (and install the log record redactor once)."""
    if not secret or len(secret) < MIN_SECRET:
        return
    with _lock:
        _secrets.add(secret)
    _install_log_redaction()


def redact(text: str) -> str:
    """`text` with every registered secret, Authorization value and sk-… key replaced by ***."""
    if not text:
        return text
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    text = _AUTH.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}{MASK}", text)
    return _KEYLIKE.sub(MASK, text)


def _install_log_redaction() -> None:
    global _factory_installed
    with _lock:
        if _factory_installed:
            return
        _factory_installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is the logger's business
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return record

    logging.setLogRecordFactory(factory)
