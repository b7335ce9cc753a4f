"""Jupyter views: the redacted text highlighted by role and action, tables for findings,
policies, reports and manifests; protected values only when the analyst asks."""

from __future__ import annotations

import re

from tests.analysts.conftest import TEXT, VICTIM_PARTS, shown, tags, visible
from tests.conftest import write
from victimshield import Policy
from victimshield.explain import ManifestView
from victimshield.transform.products import PSEUDONYM


def test_result_html_shows_the_redacted_text_with_no_victim_value(shield):
    result = shield.redact_text(TEXT)
    markup = result._repr_html_()
    assert shown(markup) == []
    assert "Marius Stan" in visible(markup)  # the suspect's name is kept, and shown as kept
    assert re.search(PSEUDONYM, visible(markup))


def test_result_html_marks_every_decision_with_role_and_action_and_a_legend(shield):
    result = shield.redact_text(TEXT)
    markup = result._repr_html_()
    marks = tags(markup, "mark")
    assert len(marks) == len(result.findings)
    titles = [m["title"] or "" for m in marks]
    assert any(t.startswith("PERSON · victim V1 · pseudonymize") for t in titles)
    assert any(t.startswith("PERSON · suspect S1 · keep") for t in titles)
    assert any("unknown" in t for t in titles)  # Dave Morgan: no roster party
    legend = visible(markup)
    for word in ("victim", "suspect", "unknown", "pseudonymize", "keep", "redact"):
        assert word in legend


def test_result_html_places_each_span_on_its_replacement(shield):
    result = shield.redact_text(TEXT)
    assert result.spans is not None
    for decision, (start, end) in zip(result.plan.segments[0], result.spans, strict=True):
        placed = result.text[start:end]
        if decision.action.value == "keep":
            assert placed == TEXT[decision.finding.start : decision.finding.end]
        elif decision.action.value == "pseudonymize":
            assert re.fullmatch(PSEUDONYM, placed)
        elif decision.action.value == "redact":
            assert placed == f"[REDACTED:{decision.finding.entity_type}]"


def test_result_html_escapes_the_evidence(shield):
    result = shield.redact_text(TEXT + " <script>alert(1)</script>")
    markup = result._repr_html_()
    assert "<script" not in markup and "<b>" not in markup
    assert "&lt;script&gt;" in markup


def test_side_by_side_shows_the_original_only_when_asked(shield):
    result = shield.redact_text(TEXT)
    asked = str(result.side_by_side(TEXT))
    assert shown(asked, ("Ioana Popescu",)) == [0]  # the analyst passed the original on purpose
    typed = str(result.side_by_side(TEXT, show_values=False))
    assert shown(typed) == []
    assert "⟨PERSON⟩" in visible(typed)
    assert "characters" in repr(result.side_by_side(TEXT))  # a repr never carries the markup


def test_findings_render_as_a_table_without_values(shield):
    for findings in (shield.scan_text(TEXT), shield.redact_text(TEXT).findings):
        markup = findings._repr_html_()
        assert shown(markup) == []
        assert len(tags(markup, "tr")) == len(findings) + 1  # header and one row per finding
        assert "PHONE_NUMBER" in visible(markup)


def test_findings_stay_a_list_and_a_tuple(shield):
    assert isinstance(shield.scan_text(TEXT), list)
    result = shield.redact_text(TEXT)
    assert isinstance(result.findings, tuple) and result.findings == tuple(result.findings)


def test_policy_html_lists_what_may_leave_escaped():
    policy = Policy.from_dict({"policy": "mine", "version": 1, "extends": "ro-to-gb", "to": ["IE"],
                               "legal_basis": "Treaty <art. 3>"})
    markup = policy._repr_html_()
    assert "Treaty <art. 3>" in visible(markup) and "<art. 3>" not in markup
    rows = tags(markup, "tr")
    assert len(rows) > 20  # one per concrete entity type
    assert "pseudonymize" in visible(markup) and "ro-to-gb → baseline" in visible(markup)


def test_report_and_manifest_html_name_no_input_and_no_value(shield, tmp_path):
    inputs = tmp_path / "in"
    write(inputs / "Ioana Popescu statement.txt", TEXT + "\n")
    report = shield.redact_paths([inputs], tmp_path / "out")
    for markup in (report._repr_html_(), ManifestView.read(tmp_path / "out")._repr_html_()):
        assert shown(markup) == []
        assert "statement" in visible(markup)  # the output's (redacted) name
        assert "pseudonymize" in visible(markup)


def test_the_demo_case_renders_with_no_protected_value(shield):
    from tests.conftest import REPO

    chat = (REPO / "examples" / "case-demo" / "evidence" / "chat_export.txt").read_text(encoding="utf-8")
    result = shield.redact_text(chat)
    assert result.spans is not None
    assert shown(result._repr_html_(), (*VICTIM_PARTS[:4], "Elena", "Dumitru")) == []
