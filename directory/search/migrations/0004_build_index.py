"""Index the firms and partners that existed before the search index did."""

from django.db import migrations

BATCH = 1000


def fields(model, text):
    """The document's fields this (historical) model has: the document shape changed in 0007,
    which rebuilds every document anyway."""
    names = {field.name for field in model._meta.get_fields()}
    return {key: value for key, value in text.as_fields().items() if key in names}


def build(apps, schema_editor):
    from directory.search.documents import firm_document, partner_document

    Firm = apps.get_model("firms", "Firm")
    OverseasPartner = apps.get_model("partners", "OverseasPartner")
    FirmSearchDocument = apps.get_model("search", "FirmSearchDocument")
    PartnerSearchDocument = apps.get_model("search", "PartnerSearchDocument")
    batch = []
    firms = Firm.objects.order_by("pk").prefetch_related("specialties__parent")
    for firm in firms.iterator(chunk_size=BATCH):
        specialties = []
        for specialty in firm.specialties.all():
            specialties.append(specialty)
            if specialty.parent_id:
                specialties.append(specialty.parent)
        text = firm_document(firm, specialties)
        batch.append(FirmSearchDocument(firm_id=firm.pk, **fields(FirmSearchDocument, text)))
        if len(batch) >= BATCH:
            FirmSearchDocument.objects.bulk_create(batch)
            batch = []
    FirmSearchDocument.objects.bulk_create(batch)
    PartnerSearchDocument.objects.bulk_create(
        [
            PartnerSearchDocument(
                partner_id=partner.pk,
                **fields(PartnerSearchDocument, partner_document(partner)),
            )
            for partner in OverseasPartner.objects.all()
        ],
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_postgres_trgm"),
        ("firms", "0001_initial"),
        ("partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
