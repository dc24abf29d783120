"""Index the firms and partners that existed before the search index did."""

from django.db import migrations

BATCH = 1000


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
        batch.append(FirmSearchDocument(firm_id=firm.pk, **text.as_fields()))
        if len(batch) >= BATCH:
            FirmSearchDocument.objects.bulk_create(batch)
            batch = []
    FirmSearchDocument.objects.bulk_create(batch)
    PartnerSearchDocument.objects.bulk_create(
        [
            PartnerSearchDocument(partner_id=partner.pk, **partner_document(partner).as_fields())
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
