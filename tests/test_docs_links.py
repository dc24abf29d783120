"""README and docs/ link only to files inside the repository, and every such file exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)\s]+)\)")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_links_stay_inside_the_repository(doc):
    for target in LINK.findall(doc.read_text(encoding="utf-8")):
        assert "://" not in target and not target.startswith("mailto:"), (
            f"{doc.name}: external link {target}"
        )
        path = target.split("#", 1)[0]
        if not path:
            continue
        resolved = (doc.parent / path).resolve()
        assert resolved.is_relative_to(ROOT), f"{doc.name}: {target} leaves the repository"
        assert resolved.exists(), f"{doc.name}: {target} does not exist"


def test_glossary_and_facts_are_in_docs():
    assert (ROOT / "docs" / "glossary.md").is_file()
    assert (ROOT / "docs" / "facts.md").is_file()
