#!/usr/bin/env python
"""Summarise bench/load_run.sh's Locust CSV files (var/bench/load/) as Markdown tables."""

from __future__ import annotations

import csv
import re
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


def cpu_seconds(out: Path) -> dict[str, float]:
    """Worker CPU seconds per phase, from load_run.sh's notes ("steady", "saturation 4")."""
    found = {}
    for text in (out / "rss.txt").read_text().splitlines():
        m = re.match(r"(steady|saturation \d+): worker CPU seconds ([\d.]+)", text)
        if m:
            found[m.group(1)] = float(m.group(2))
    return found


def main() -> None:
    out = Path(sys.argv[1])
    steps = sys.argv[2:]
    head = "| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|"
    cpu = cpu_seconds(out)
    steady = rows(out / "steady_stats.csv")
    print("### Steady run\n")
    print(head)
    for r in steady:
        print(line(r))
    total = [r for r in steady if r["Name"] == "Aggregated"][0]
    if "steady" in cpu and int(total["Request Count"]):
        ms = 1000 * cpu["steady"] / int(total["Request Count"])
        print(f"\nWorker CPU per request (steady): {ms:.0f} ms")
    print("\n### Saturation (no think time)\n")
    print(
        "| users | requests | errors | req/s | p50 ms | p95 ms | p99 ms | worker CPU ms/request |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for users in steps:
        path = out / f"saturation-{users}_stats.csv"
        if not path.exists():
            continue
        total = [r for r in rows(path) if r["Name"] == "Aggregated"][0]
        count = int(total["Request Count"])
        per = (
            f"{1000 * cpu[f'saturation {users}'] / count:.0f}"
            if count and f"saturation {users}" in cpu
            else "—"
        )
        print(
            f"| {users} | {count} | {total['Failure Count']} "
            f"| {float(total['Requests/s']):.1f} | {total['50%']} | {total['95%']} | {total['99%']} | {per} |"
        )
    print()
    print((out / "rss.txt").read_text())


if __name__ == "__main__":
    main()
