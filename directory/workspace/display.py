"""Small display helpers shared by the workspace's views."""

from __future__ import annotations

from directory.partners.models import Stage


def stage_rows(counts: dict[str, int]) -> list[dict]:
    """One row per pipeline stage, in pipeline order, with its label and count."""
    return [{"stage": stage, "label": stage.label, "count": counts[stage]} for stage in Stage]
