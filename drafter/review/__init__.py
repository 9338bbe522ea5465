"""A reviewer's folder in one run: every report checked in its own process, one table of what is wrong where."""
