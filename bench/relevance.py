"""Relevance of search and matching: precision@5 and nDCG@10 over the labelled set.

Usage (from the repository root):
    .venv/bin/python bench/relevance.py                      # SQLite, var/bench/relevance.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gagyo_relevance .venv/bin/python bench/relevance.py

The set lives in tests/relevance/ (judgements.py: the queries and briefs with graded
judgements; evaluate.py: the corpus and the measures); tests/relevance/test_relevance.py fails
when a figure drops below the one reached. The database named in DATABASE_URL must exist and
must not be a real one: it is filled with the demo firms and 400 synthetic "[합성]" firms.
Figures go to docs/performance.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if "DATABASE_URL" not in os.environ:
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench' / 'relevance.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.relevance.evaluate import evaluate, load_corpus  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    load_corpus()
    search, matching = evaluate()
    print(f"database: {connection.vendor}")
    for name, figures in (("search", search), ("matching", matching)):
        print(figures.line(name))
        for label, value in figures.worst:
            print(f"    lowest nDCG@10: {value:.3f}  {label}")


if __name__ == "__main__":
    main()
