"""Recognizers as plug-ins: a Presidio recognizer, a VictimShield span recognizer and YAML
specs from folders a caller or a policy names; the types they declare are valid in that
shield's policies, and a type nobody declares is refused (fail closed)."""

from __future__ import annotations

import textwrap

import pytest

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO, write
from victimshield.finding import Finding

CASE_TEXT = "The file DOS-2024/17 was opened after the raid; see also DOS-2025/03."
CASE_NUMBERS = ("DOS-2024/17", "DOS-2025/03")
POLICY_WITH_CASE_NUMBERS = textwrap.dedent("""\
    policy: case-numbers
    version: 1
    extends: ro-to-gb
    to: [GB]
    roles:
      unknown:
        CASE_NUMBER: redact
    """)
SPEC = """\
    recognizers:
      - name: case_numbers_spec
        entity: CASE_NUMBER
        patterns:
          - {name: dos, regex: '\\bDOS-\\d{4}/\\d{2}\\b', score: 0.9}
    """


def case_number_recognizer():
    from presidio_analyzer import Pattern, PatternRecognizer

    return PatternRecognizer(supported_entity="CASE_NUMBER", name="case_numbers",
                             patterns=[Pattern("dos", r"\bDOS-\d{4}/\d{2}\b", 0.9)])


class CaseNumbers:
    """A VictimShield span recognizer declaring its own type."""

    name = "case_numbers_span"
    supported_entities = ("CASE_NUMBER",)

    def find(self, text: str) -> list[Finding]:
        import re

        return [
            Finding(m.start(), m.end(), "CASE_NUMBER", 1.0, self.name) for m in re.finditer(r"DOS-\d{4}/\d{2}", text)
        ]


def _no_case_number_left(text: str) -> bool:
    return not any(n in text for n in CASE_NUMBERS)


@pytest.fixture
def case_policy(tmp_path):
    return write(tmp_path / "policy" / "case-numbers.yaml", POLICY_WITH_CASE_NUMBERS)


def test_presidio_pattern_recognizer_for_case_numbers_redacts_text_and_paths(case_policy, tmp_path):
    shield = vs.Shield.from_files(case_policy, "GB", key=KEY, options=vs.Options(as_of=AS_OF),
                                  recognizers=[case_number_recognizer()])
    result = shield.redact_text(CASE_TEXT)
    assert _no_case_number_left(result.text)
    assert result.text.count("[REDACTED:CASE_NUMBER]") == 2
    assert {f.recognizers for f in result.findings if f.entity_type == "CASE_NUMBER"} == {("case_numbers",)}

    write(tmp_path / "in" / "note.txt", CASE_TEXT + "\nSecond line DOS-2025/03.\n")
    report = shield.redact_paths([tmp_path / "in"], tmp_path / "out")  # verify ran: it raises otherwise
    written = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert _no_case_number_left(written) and len(written.splitlines()) == 2
    assert report.totals()[("unknown", "CASE_NUMBER", "redact", "roles.unknown.CASE_NUMBER")] == 3
    assert shield.verify_paths(tmp_path / "out") == []


def test_policy_naming_case_number_without_its_recognizer_fails_closed(case_policy):
    with pytest.raises(vs.PolicyError) as info:
        vs.Shield.from_files(case_policy, "GB", key=KEY)
    assert info.value.exit_code == 2
    assert any("roles.unknown.CASE_NUMBER: unknown entity type 'CASE_NUMBER'" in p for p in info.value.problems)
    # A policy loaded for a shield that has the recognizer, handed to one that has not: refused too.
    loaded = vs.load_policy(case_policy, entity_types=["CASE_NUMBER"])
    with pytest.raises(vs.PolicyError) as info:
        vs.Shield(loaded, "GB", key=KEY)
    assert any("no recognizer of this shield declares it" in p for p in info.value.problems)


def test_cli_refuses_a_policy_naming_an_undeclared_type(case_policy, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from victimshield.cli import app

    monkeypatch.setenv("VICTIMSHIELD_KEY", KEY.hex())
    source = write(tmp_path / "in.txt", CASE_TEXT + "\n")
    done = CliRunner().invoke(app, ["redact", str(source), "--policy", str(case_policy), "--to", "GB",
                                    "--out", str(tmp_path / "out")])
    assert done.exit_code == 2 and "CASE_NUMBER" in done.output
    assert not (tmp_path / "out").exists()


def test_span_recognizer_plugin_declares_its_type(case_policy):
    shield = vs.Shield.from_files(
        case_policy, "GB", key=KEY, options=vs.Options(as_of=AS_OF), recognizers=[CaseNumbers()]
    )
    assert _no_case_number_left(shield.redact_text(CASE_TEXT).text)


def test_caller_recognizer_dirs_load_yaml_specs_beside_the_shipped_ones(case_policy, tmp_path):
    specs = tmp_path / "my-specs"
    write(specs / "case_numbers.yaml", SPEC)
    shield = vs.Shield.from_files(case_policy, "GB", key=KEY, options=vs.Options(as_of=AS_OF), recognizer_dirs=[specs])
    result = shield.redact_text(CASE_TEXT + " Call +40 723 456 789.")
    assert _no_case_number_left(result.text)
    assert any(f.entity_type == "PHONE_NUMBER" for f in result.findings), "the shipped recognizers still run"


def test_policy_recognizer_dirs_are_relative_to_the_policy_file(tmp_path, monkeypatch):
    policy = write(
        tmp_path / "policies" / "p.yaml", POLICY_WITH_CASE_NUMBERS + "detection:\n  recognizer_dirs: [specs]\n"
    )
    write(tmp_path / "policies" / "specs" / "case_numbers.yaml", SPEC)
    monkeypatch.chdir(tmp_path)  # not the policy's folder: the path is the policy's, not the caller's
    loaded = vs.load_policy(policy)
    assert loaded.detection.recognizer_dirs == (str((tmp_path / "policies" / "specs").resolve()),)
    shield = vs.Shield(loaded, "GB", key=KEY, options=vs.Options(as_of=AS_OF))
    assert _no_case_number_left(shield.redact_text(CASE_TEXT).text)


def test_policy_recognizer_dirs_field_is_validated(tmp_path):
    plain = "policy: p\nversion: 1\nextends: ro-to-gb\nto: [GB]\n"
    bad_key = write(tmp_path / "a.yaml", plain + "detection:\n  recognizer_folders: [specs]\n")
    missing = write(tmp_path / "b.yaml", POLICY_WITH_CASE_NUMBERS + "detection:\n  recognizer_dirs: [nowhere]\n")
    with pytest.raises(vs.PolicyError) as info:
        vs.load_policy(bad_key)
    assert any("detection." in p and "unknown key" in p for p in info.value.problems)
    with pytest.raises(vs.PolicyError) as info:
        vs.load_policy(missing)
    assert any("recognizer_dirs" in p and "does not exist" in p for p in info.value.problems)


def test_a_policy_without_recognizer_dirs_keeps_its_digest():
    from victimshield.policy.load import effective_digest

    policy = vs.load_policy(REPO / "policies" / "examples" / "ro-to-gb.yaml")
    assert "recognizer_dirs" not in policy.model_dump(mode="json")["detection"]
    assert effective_digest(policy) == effective_digest(policy.model_copy())


def test_a_recognizer_of_another_language_or_kind_is_refused():
    from presidio_analyzer import Pattern, PatternRecognizer

    policy = vs.load_policy(REPO / "policies" / "examples" / "ro-to-gb.yaml")
    german = PatternRecognizer(supported_entity="CASE_NUMBER", supported_language="de",
                               patterns=[Pattern("dos", r"DOS-\d{4}", 0.9)])
    with pytest.raises(vs.UsageError, match="language 'de'"):
        vs.Shield(policy, "GB", key=KEY, recognizers=[german])
    with pytest.raises(vs.UsageError, match="recognizer 1 is neither"):
        vs.Shield(policy, "GB", key=KEY, recognizers=[object()])


def test_finding_recognizers_are_a_tuple_and_the_joined_string_stays():
    finding = Finding(0, 4, "PERSON", 0.9, "roster+SpacyRecognizer")
    assert finding.recognizers == ("roster", "SpacyRecognizer")
    assert finding.recognizer == "roster+SpacyRecognizer"
    assert Finding(0, 4, "PERSON", 0.9, recognizer="roster").recognizers == ("roster",)
    assert Finding(0, 4, "PERSON", 0.9, ("a", "b")) == Finding(0, 4, "PERSON", 0.9, "a+b")


def test_cli_runs_a_policy_whose_own_recognizer_dirs_declare_its_types(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from victimshield.cli import app

    policy = write(
        tmp_path / "policies" / "p.yaml", POLICY_WITH_CASE_NUMBERS + "detection:\n  recognizer_dirs: [specs]\n"
    )
    write(tmp_path / "policies" / "specs" / "case_numbers.yaml", SPEC)
    monkeypatch.setenv("VICTIMSHIELD_KEY", KEY.hex())
    assert CliRunner().invoke(app, ["policy", "check", str(policy)]).exit_code == 0
    source = write(tmp_path / "in.txt", CASE_TEXT + "\n")
    done = CliRunner().invoke(app, ["redact", str(source), "--policy", str(policy), "--to", "GB",
                                    "--out", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    assert _no_case_number_left((tmp_path / "out" / "in.txt").read_text(encoding="utf-8"))
