"""Loaded first by the review's forkserver: SIGINT ignored there, so every job forked from it starts so.

Ctrl-C goes to the whole process group. The forkserver hands each job the SIGINT handler in place when its
preload ran, so with this module first no job prints a KeyboardInterrupt traceback; the parent stops the
jobs itself and says what was kept.
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
