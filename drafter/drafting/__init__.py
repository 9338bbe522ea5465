"""Drafting: plan the sections, fill prompts, call a backend, fill figure slots, redraft one section."""
