"""Korean and Chinese form labels say the glossary's meaning: a document's title is not a person's
job title, a firm's name is not a person's name."""

import pytest
from django.utils import translation

from directory.accounts.forms import ContactForm, ProfileForm
from directory.matching.models import Shortlist
from directory.partners.models import Connection, EngagementAttachment, PartnerContact
from directory.workspace.forms import AttachmentForm, ConnectionEditForm

# Words that only describe a person; they must not label anything else.
PERSON_ONLY = {"ko": ("직함", "성명"), "zh-hans": ("职务", "姓名")}


def _labels(form_class, **kwargs) -> dict[str, str]:
    return {name: str(field.label) for name, field in form_class(**kwargs).fields.items()}


@pytest.mark.parametrize(
    ("lang", "expected"), [("ko", "제목"), ("zh-hans", "标题"), ("en", "Title")]
)
def test_attachment_title_is_a_document_title(lang, expected):
    with translation.override(lang):
        assert _labels(AttachmentForm)["title"] == expected
        assert (
            str(EngagementAttachment._meta.get_field("title").verbose_name).capitalize() == expected
        )


@pytest.mark.parametrize(
    ("lang", "name", "title"), [("ko", "이름", "직함"), ("zh-hans", "姓名", "职务")]
)
def test_contact_person_fields_are_about_a_person(lang, name, title):
    with translation.override(lang):
        labels = _labels(ContactForm)
        assert (labels["name"], labels["title"]) == (name, title)
        assert str(PartnerContact._meta.get_field("title").verbose_name) == title


@pytest.mark.parametrize("lang", ["ko", "zh-hans"])
def test_no_person_words_on_firm_shortlist_or_connection_labels(lang):
    with translation.override(lang):
        labels = [*_labels(ProfileForm).values(), *_labels(AttachmentForm).values()]
        labels.append(str(Shortlist._meta.get_field("name").verbose_name))
        labels.append(str(Connection._meta.get_field("owner").verbose_name))
    bad = [label for label in labels if any(word in label for word in PERSON_ONLY[lang])]
    assert not bad


@pytest.mark.django_db
def test_my_page_says_firm_name_missing_in_chinese(client):
    from tests.factories import make_firm, make_member

    firm = make_firm(name_ko="가교기업", name_zh="")
    client.force_login(make_member(firm))
    page = client.get(f"/zh-hans/my/firms/{firm.slug}/").content.decode()
    assert "企业名称" in page
    assert "姓名" not in page


def test_connection_owner_is_the_responsible_staff():
    with translation.override("zh-hans"):
        assert _labels(ConnectionEditForm)["owner"] == "负责人"
    with translation.override("ko"):
        assert _labels(ConnectionEditForm)["owner"] == "담당자"
