"""Web addresses with invisible bidirectional control characters are refused everywhere."""

import pytest
from django.core.exceptions import ValidationError

from directory.firms.validators import BIDI_CONTROLS, validate_no_bidi_controls
from tests.factories import make_firm, make_partner

SPOOF = "https://evil.example/\u202emoc.elgoog"


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_each_bidi_control_is_refused(char):
    with pytest.raises(ValidationError) as info:
        validate_no_bidi_controls(f"https://example.com/{char}x")
    assert info.value.code == "bidi"


def test_plain_and_international_addresses_pass():
    validate_no_bidi_controls("https://example.com/path?q=1")
    validate_no_bidi_controls("https://한글.kr/소개")
    validate_no_bidi_controls("")


def test_firm_model_refuses_a_spoofed_website(db):
    firm = make_firm()
    firm.website = SPOOF
    with pytest.raises(ValidationError) as info:
        firm.full_clean()
    assert "website" in info.value.message_dict


def test_partner_model_refuses_a_spoofed_website(db):
    partner = make_partner()
    partner.website = SPOOF
    with pytest.raises(ValidationError) as info:
        partner.full_clean()
    assert "website" in info.value.message_dict


def test_member_profile_form_refuses_a_spoofed_website():
    from directory.accounts.forms import ProfileForm

    field = ProfileForm.base_fields["website"]
    with pytest.raises(ValidationError):
        field.clean(SPOOF)


def test_staff_partner_form_refuses_a_spoofed_website():
    from directory.workspace.forms import PartnerForm

    field = PartnerForm.base_fields["website"]
    with pytest.raises(ValidationError):
        field.clean(SPOOF)
