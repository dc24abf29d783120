"""The review workflow as plain functions: no database, no request."""

import pytest

from directory.accounts import review


def snap(**overrides):
    base = {
        "name_ko": "가교",
        "summary_ko": "요약",
        "specialties": ["cloud"],
        "target_markets": ["CN"],
        "contacts": [],
        "logo": "",
    }
    base.update(overrides)
    return review.normalise(base)


def test_diff_lists_only_changed_fields_in_field_order():
    changes = review.diff(snap(), snap(summary_ko="새 요약", target_markets=["CN", "JP"]))
    assert [c.field for c in changes] == ["summary_ko", "target_markets"]
    assert changes[0].old == "요약" and changes[0].new == "새 요약"


def test_list_order_and_whitespace_do_not_count_as_changes():
    assert review.diff(snap(target_markets=["JP", "CN"]), snap(target_markets=["CN", "JP"])) == []
    assert review.diff(snap(), snap(summary_ko="  요약 ")) == []


def test_blank_contacts_are_dropped_and_ids_ignored_in_comparison():
    a = snap(contacts=[{"id": 1, "name": "김", "email": "k@example.com"}])
    b = snap(contacts=[{"id": None, "name": "김", "email": "k@example.com"}, {"name": ""}])
    assert review.diff(a, b) == []


def test_fingerprint_is_stable_and_sensitive():
    assert review.fingerprint(snap()) == review.fingerprint(snap())
    assert review.fingerprint(snap()) != review.fingerprint(snap(name_ko="가교2"))


def test_conflicts_only_where_both_sides_changed_the_same_field_differently():
    base = snap()
    current = snap(summary_ko="직원 수정", website="https://a.example")
    proposed = snap(summary_ko="회원 수정", address="성남시")
    assert review.conflicts(base, current, proposed) == ["summary_ko"]
    same = snap(summary_ko="직원 수정")
    assert review.conflicts(base, current, same) == []


def test_merge_keeps_unrelated_current_edits():
    base = snap()
    current = snap(website="https://staff.example")
    proposed = snap(summary_ko="회원 수정")
    merged = review.merge(base, current, proposed)
    assert merged["website"] == "https://staff.example"
    assert merged["summary_ko"] == "회원 수정"


def test_edit_token_changes_when_pending_change_is_updated():
    approved = snap()
    assert review.edit_token(approved) == review.edit_token(approved, None, 5)
    assert review.edit_token(approved, 3, 1) != review.edit_token(approved, 3, 2)
    assert review.edit_token(approved) != review.edit_token(snap(name_ko="다른"))


def test_staff_only_fields_are_not_editable():
    for field in ("is_published", "is_verified", "cluster", "business_registration_number"):
        assert field not in review.EDITABLE_FIELDS
    assert "is_published" not in review.normalise({"is_published": True})


def test_completeness_reports_missing_fields_per_language():
    result = review.completeness(snap(name_en="Gagyo"))
    assert result["per_language"]["ko"] == ["description"]
    assert result["per_language"]["en"] == ["summary", "description"]
    assert result["per_language"]["zh"] == ["name", "summary", "description"]
    assert "logo" in result["general"] and "contacts" in result["general"]
    assert 0 < result["percent"] < 100


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        ("pending", "approve", "approved"),
        ("pending", "reject", "rejected"),
        ("pending", "withdraw", "withdrawn"),
        ("pending", "update", "pending"),
    ],
)
def test_pending_change_transitions(status, action, expected):
    assert review.next_status(status, action) == expected


@pytest.mark.parametrize("status", ["approved", "rejected", "withdrawn"])
@pytest.mark.parametrize("action", ["approve", "reject", "withdraw", "update"])
def test_decided_changes_cannot_move(status, action):
    with pytest.raises(review.StatusError):
        review.next_status(status, action)
