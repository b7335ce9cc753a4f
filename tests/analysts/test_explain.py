"""Why a span was redacted, findings as DataFrames, and the plot of a whole export."""

from __future__ import annotations

import sys

import pytest

from tests.analysts.conftest import TEXT, VICTIM_PARTS, shown
from tests.conftest import write
from victimshield import OptionalDependencyError
from victimshield.explain import FINDING_COLUMNS, by_type_and_role

SPEC_COLUMNS = ["start", "end", "entity_type", "role", "party", "action", "rule", "recognizer", "score"]


def test_findings_frame_has_one_row_per_decision_and_the_promised_columns(shield):
    result = shield.redact_text(TEXT)
    frame = result.findings_frame()
    assert list(frame.columns) == SPEC_COLUMNS == list(FINDING_COLUMNS)
    assert len(frame) == len(result.findings)
    victim = frame[(frame.role == "victim") & (frame.entity_type == "PERSON")].iloc[0]
    assert (victim.party, victim.action, victim.rule) == ("V1", "pseudonymize", "roles.victim.PERSON")
    assert shown(frame.to_csv()) == []


def test_a_scan_turns_into_the_same_frame(shield):
    frame = shield.scan_text(TEXT).frame()
    assert list(frame.columns) == SPEC_COLUMNS and len(frame) == len(shield.scan_text(TEXT))


def test_explain_says_how_each_role_and_action_was_decided_without_values(shield):
    explanation = shield.explain(TEXT)
    by_type = {(s.entity_type, s.role): s for s in explanation.spans}
    victim = by_type[("PERSON", "victim")]
    assert victim.decided_by == "roster party V1 (victim)"
    assert (victim.rule, victim.action) == ("roles.victim.PERSON", "pseudonymize")
    assert "roster" in victim.recognizers and 0 < victim.score <= 1
    stranger = by_type[("PERSON", "unknown")]
    assert stranger.decided_by == "no roster party matched: role unknown" and stranger.party is None
    assert by_type[("PERSON", "suspect")].action == "keep"
    for text in (str(explanation), explanation._repr_html_(), explanation.frame().to_csv(), repr(explanation)):
        assert shown(text) == []


def test_explain_says_a_party_is_a_minor_by_the_export_day(shield):
    (span,) = [s for s in shield.explain("Elena Dumitru was there.").spans if s.entity_type == "PERSON"]
    assert (span.role, span.party, span.rule) == ("minor", "V2", "roles.minor.PERSON")
    assert span.decided_by == "roster party V2 (minor: under 18 on the export day, or marked minor)"


def test_explain_shows_values_only_when_asked(shield):
    asked = shield.explain(TEXT, show_values=True)
    assert "Ioana Popescu" in str(asked) and "Ioana Popescu" in asked._repr_html_()
    assert "value" in asked.frame().columns
    assert "value" not in shield.explain(TEXT).frame().columns


def test_report_frame_counts_match_the_manifest_totals(shield, tmp_path):
    write(tmp_path / "in" / "a.txt", TEXT + "\n")
    write(tmp_path / "in" / "b.txt", "Marius Stan called +40 723 456 789.\n")
    report = shield.redact_paths([tmp_path / "in"], tmp_path / "out")
    frame = report.findings_frame()
    assert sorted(frame.file.unique()) == [1, 2]
    assert frame["count"].sum() == sum(report.totals().values())
    table = by_type_and_role(frame)
    assert table.loc["PERSON", "victim"] == sum(n for (role, etype, _, _), n in report.totals().items()
                                               if (role, etype) == ("victim", "PERSON"))


def test_plot_without_matplotlib_says_how_to_get_it(shield, tmp_path, monkeypatch):
    write(tmp_path / "in" / "a.txt", TEXT + "\n")
    report = shield.redact_paths([tmp_path / "in"], tmp_path / "out")
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(OptionalDependencyError, match="pip install matplotlib") as caught:
        report.plot_findings()
    assert isinstance(caught.value, ImportError) and caught.value.exit_code == 2


def test_plot_draws_bars_per_type_and_role(shield, tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    write(tmp_path / "in" / "a.txt", TEXT + "\n")
    report = shield.redact_paths([tmp_path / "in"], tmp_path / "out")
    ax = report.plot_findings()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "PERSON" in labels and shown("\n".join(labels), VICTIM_PARTS) == []
