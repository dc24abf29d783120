"""The briefing pack: printable page, CSV and XLSX in the partner's language."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from directory.firms.models import Firm, FirmContact, Specialty
from directory.matching.briefing import safe_cell
from directory.matching.scoring import Brief
from directory.matching.services import create_shortlist
from directory.partners.models import OverseasPartner
from tests.factories import make_country, make_firm, make_image_bytes, make_partner


def _shortlist(staff, partner=None, slugs=("hypernology", "initech")):
    vision = Specialty.objects.get(slug="industrial-vision")
    return create_shortlist(
        name="텐센트 후보",
        brief=Brief(
            specialty_ids=frozenset({vision.pk}),
            keywords=("검사",),
            partner_id=partner.pk if partner else None,
        ),
        firm_ids=Firm.objects.filter(slug__in=slugs).values_list("pk", flat=True),
        author=staff,
        partner=partner,
    )


def _csv_rows(response) -> list[list[str]]:
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_for_chinese_partner_is_chinese_with_english_then_korean_fallback(
    staff_client, staff, demo
):
    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    hypernology = Firm.objects.get(slug="hypernology")
    FirmContact.objects.create(
        firm=hypernology, name="김공유", email="share@example.com", share_with_partners=True
    )
    FirmContact.objects.create(firm=hypernology, name="박비공개", email="private@example.com")
    shortlist = _shortlist(staff, tencent)

    response = staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    # No Chinese name in the demo data: English stands in, marked with its language.
    assert first[rows[0][1]] == "[EN] Hypernology"
    assert rows[1][3].startswith("[EN] Industrial AI vision specialist")
    assert "工业视觉" in rows[1][4]  # specialties in Chinese
    assert "김공유" in rows[1][8] and "박비공개" not in " ".join(rows[1])
    assert "专业领域：工业视觉" in rows[1][9]  # why matched, phrased for the partner
    assert "검사" in rows[1][9]  # the word of the firm's text that matched
    assert not any(char.isdigit() for char in rows[1][9])  # no points: no scoring internals
    assert "Score" not in rows[0] and "得分" not in rows[0]


def test_korean_stands_in_when_english_is_missing_too(staff_client, staff, demo):
    hypernology = Firm.objects.get(slug="hypernology")
    hypernology.summary_en = ""
    hypernology.save()
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    rows = _csv_rows(staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk])))
    assert rows[1][2] == "[KO] 산업 AI 비전 전문 기업"


def test_fallback_chain_is_a_setting(staff_client, staff, demo, settings):
    settings.GAGYO_PACK_FALLBACKS = {"zh": ["ko"], "en": ["ko"], "ko": []}
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    rows = _csv_rows(staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk])))
    assert rows[1][1] == "[KO] 하이퍼놀로지"


def test_lang_parameter_chooses_english(staff_client, staff, demo):
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    rows = _csv_rows(
        staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk]), {"lang": "en"})
    )
    assert rows[0][1] == "Firm"
    assert rows[1][1] == "Hypernology"
    assert "Industrial vision" in rows[1][4]
    assert "specialises in Industrial vision" in rows[1][9]
    assert "inspection" in rows[1][9] or "검사" in rows[1][9]


def test_non_chinese_partner_defaults_to_english(staff_client, staff, demo):
    partner = make_partner(country=make_country("US"))
    shortlist = _shortlist(staff, partner)
    rows = _csv_rows(staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk])))
    assert rows[1][1] == "Hypernology"
    # The pipeline is internal: the partner's pack says why a firm fits, not where it stands.
    assert "connected" not in rows[1][9] and "specialises in Industrial vision" in rows[1][9]
    assert "description" not in rows[1][9]  # no field names: phrased for the partner


def test_csv_and_xlsx_neutralise_formulas(staff_client, staff, db):
    firm = make_firm(name_en='=HYPERLINK("http://evil")', summary_en="+1 trick", is_published=True)
    shortlist = create_shortlist(name="=bad", brief=Brief(), firm_ids=[firm.pk], author=staff)
    rows = _csv_rows(staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk])))
    assert rows[1][1].startswith("'=")
    assert rows[1][2] == "'+1 trick"

    response = staff_client.get(reverse("matching:briefing-xlsx", args=[shortlist.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value.startswith("'=")
    assert sheet["B2"].data_type == "s"


def test_safe_cell():
    assert safe_cell("-1") == "'-1"
    assert safe_cell("@x") == "'@x"
    assert safe_cell("ok") == "ok"
    assert safe_cell(3) == 3


def test_xlsx_keeps_korean_and_chinese(staff_client, staff, demo):
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    response = staff_client.get(
        reverse("matching:briefing-xlsx", args=[shortlist.pk]), {"lang": "ko"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "하이퍼놀로지"
    # C and D hold the Korean and English names; the specialties follow.
    assert "산업 비전" in sheet["G2"].value


def test_printable_page_shows_logo_marker_and_reasons(staff_client, staff, demo):
    hypernology = Firm.objects.get(slug="hypernology")
    hypernology.logo = SimpleUploadedFile("logo.png", make_image_bytes(), content_type="image/png")
    hypernology.save()
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    response = staff_client.get(reverse("matching:briefing", args=[shortlist.pk]))
    assert response.status_code == 200
    text = response.text
    assert 'lang="zh-hans"' in text
    assert '<img class="logo" src="http://testserver/media/logos/' in text
    assert "[EN]" in text and 'class="fallback-note"' in text
    assert "工业视觉" in text
    pack = response.context["pack"]
    assert pack[0].name.is_fallback and pack[0].logo_url

    csv_rows = _csv_rows(staff_client.get(reverse("matching:briefing-csv", args=[shortlist.pk])))
    assert csv_rows[1][7].startswith("http://testserver/media/logos/")


def test_invalid_lang_falls_back_to_partner_language(staff_client, staff, demo):
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    response = staff_client.get(reverse("matching:briefing", args=[shortlist.pk]), {"lang": "xx"})
    assert response.context["pack_lang"] == "zh"


def test_xlsx_has_both_names_no_scores_base_url_filters_and_frozen_header(
    staff_client, staff, demo, settings
):
    settings.GAGYO_BASE_URL = "https://gagyo.example.org/"
    hypernology = Firm.objects.get(slug="hypernology")
    hypernology.logo = SimpleUploadedFile("logo.png", make_image_bytes(), content_type="image/png")
    hypernology.save()
    shortlist = _shortlist(staff, OverseasPartner.objects.get(slug="tencent-cloud"))
    shortlist.entries.filter(firm=hypernology).update(score=20.86)
    shortlist.entries.exclude(firm=hypernology).update(score=0.25)
    response = staff_client.get(
        reverse("matching:briefing-xlsx", args=[shortlist.pk]), {"lang": "en"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[1:4] == ["Firm", "Name (Korean)", "Name (English)"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["하이퍼놀로지"][3] == "Hypernology"
    # The pack goes to the partner: no scores (issue 12); the staff page rounds them.
    assert "Score" not in header
    logo = rows["하이퍼놀로지"][header.index("Logo")]
    assert logo.startswith("https://gagyo.example.org/media/") and "127.0.0.1" not in logo
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    page = staff_client.get(reverse("matching:shortlist-detail", args=[shortlist.pk]))
    assert "20.9" in page.content.decode()
