"""Figures: reading numbers in Chinese text and the formula registry of derived figures (drafting, checker, eval)."""
