"""Last year's report carried a year forward (`drafter draft NEW --from LAST`): read, link, recompute, write an OUT."""
