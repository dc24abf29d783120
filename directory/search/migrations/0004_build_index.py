"""Index the firms and partners that existed before the search index did."""

from django.db import migrations


def build(apps, schema_editor):
    from directory.search.documents import firm_document, partner_document

    Firm = apps.get_model("firms", "Firm")
    OverseasPartner = apps.get_model("partners", "OverseasPartner")
    FirmSearchDocument = apps.get_model("search", "FirmSearchDocument")
    PartnerSearchDocument = apps.get_model("search", "PartnerSearchDocument")
    for firm in Firm.objects.prefetch_related("specialties__parent"):
        specialties = []
        for specialty in firm.specialties.all():
            specialties.append(specialty)
            if specialty.parent_id:
                specialties.append(specialty.parent)
        text = firm_document(firm, specialties)
        FirmSearchDocument.objects.update_or_create(
            firm_id=firm.pk,
            defaults=text.as_fields(),
        )
    for partner in OverseasPartner.objects.all():
        text = partner_document(partner)
        PartnerSearchDocument.objects.update_or_create(
            partner_id=partner.pk,
            defaults=text.as_fields(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_postgres_trgm"),
        ("firms", "0001_initial"),
        ("partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
