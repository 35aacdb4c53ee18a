"""Sync by exported files (domain.md §7): the exchange document, the three-way decision per record,
and the signed, encrypted envelope around it. Plain Python: `db` reads and writes the records,
`planner.services.exchange` runs an import as one operation."""
