"""Create or drop a PostgreSQL database on the server of $DATABASE_URL (for the API fuzz run).

python scripts/pg_database.py create NAME   # prints the new database's URL
python scripts/pg_database.py drop NAME
"""

from __future__ import annotations

import os
import re
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def main(action: str, name: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise SystemExit(f"not a plain database name: {name}")
    parts = urlsplit(os.environ["DATABASE_URL"])
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        if action == "create":
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(urlunsplit(parts._replace(path=f"/{name}")))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
