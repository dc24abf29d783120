#!/usr/bin/env python
"""Summarise bench/load_run.sh's Locust CSV files (var/bench/load/) as Markdown tables."""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def rows(path: Path) -> list[dict]:
    with path.open() as fh:
        return list(csv.DictReader(fh))


def line(r: dict) -> str:
    return (
        f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | {float(r['Requests/s']):.1f} "
        f"| {r['50%']} | {r['95%']} | {r['99%']} | {float(r['Max Response Time']):.0f} |"
    )


def main() -> None:
    out = Path(sys.argv[1])
    steps = sys.argv[2:]
    head = "| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|"
    steady = rows(out / "steady_stats.csv")
    print("### Steady run\n")
    print(head)
    for r in steady:
        print(line(r))
    print("\n### Saturation (no think time)\n")
    print(
        "| users | requests | errors | req/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|---|"
    )
    for users in steps:
        path = out / f"saturation-{users}_stats.csv"
        if not path.exists():
            continue
        total = [r for r in rows(path) if r["Name"] == "Aggregated"][0]
        print(
            f"| {users} | {total['Request Count']} | {total['Failure Count']} "
            f"| {float(total['Requests/s']):.1f} | {total['50%']} | {total['95%']} | {total['99%']} |"
        )
    print()
    print((out / "rss.txt").read_text())


if __name__ == "__main__":
    main()
