"""Spreadsheet import of firms: read a file safely (``reading``), guess its columns
(``columns``), validate every row into a dry-run plan (``planning``) and apply the plan in one
transaction (``applying``, the only module here that touches the database). See
docs/stewardship.md."""
