"""The permission matrix's cases, one module per area (`cases_*.py`): each has `CASES` and may
have `prepare(world)` to add the records its cases act on. The matrix finds them by name."""
