"""Taxonomy upkeep: merging one specialty into another without losing a single link."""

from __future__ import annotations

from django.db import transaction

from .models import Specialty


@transaction.atomic
def merge_specialties(source: Specialty, target: Specialty) -> dict[str, int]:
    """Move every link to ``source`` (firms, what partners seek, any later many-to-many) to
    ``target``, re-parent ``source``'s children, keep its names as nothing is lost but the
    row, and delete it. Returns the number of links moved per relation."""
    if source.pk == target.pk:
        raise ValueError("a specialty cannot be merged into itself")
    moved: dict[str, int] = {}
    for rel in Specialty._meta.related_objects:
        if not rel.many_to_many:
            continue
        through = rel.through
        source_field = rel.field.m2m_reverse_field_name()  # the column pointing at Specialty
        owner_field = rel.field.m2m_field_name()
        links = through.objects.filter(**{source_field: source.pk})
        owners = list(links.values_list(owner_field, flat=True))
        already = set(
            through.objects.filter(
                **{source_field: target.pk, f"{owner_field}__in": owners}
            ).values_list(owner_field, flat=True)
        )
        new_links = [
            through(**{f"{owner_field}_id": owner, f"{source_field}_id": target.pk})
            for owner in owners
            if owner not in already
        ]
        through.objects.bulk_create(new_links)
        links.delete()
        moved[rel.related_model._meta.label] = len(owners)
    children = Specialty.objects.filter(parent=source)
    if target.parent_id is None:
        moved["children"] = children.update(parent=target)
    else:
        # Two levels only: children of the source become siblings under the target's parent.
        moved["children"] = children.update(parent=target.parent_id)
    source.delete()
    return moved
