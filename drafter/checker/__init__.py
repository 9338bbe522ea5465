"""The checker: every figure of a text linked to its source or to the figures beside it, and judged."""
