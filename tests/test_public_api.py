import subprocess
import sys

import victimshield


def test_all_is_explicit_and_guarded():
    # Growing the public API is a decision: update this list on purpose.
    assert sorted(victimshield.__all__) == sorted(
        [
            "Action",
            "ArgumentError",
            "DestinationError",
            "Finding",
            "InputError",
            "KeyRequiredError",
            "Leak",
            "Locator",
            "ModelNotInstalledError",
            "OcrUnavailableError",
            "OptionalDependencyError",
            "Options",
            "Policy",
            "PolicyError",
            "RedactionResult",
            "Report",
            "Role",
            "RosterError",
            "Segment",
            "Shield",
            "UsageError",
            "VerificationError",
            "VictimShieldError",
            "load_policy",
            "load_roster",
            "redact",
            "scan_paths",
        ]
    )
    for name in victimshield.__all__:
        assert hasattr(victimshield, name), name


def test_every_error_shares_one_base():
    errors = [getattr(victimshield, n) for n in victimshield.__all__ if n.endswith("Error")]
    assert all(issubclass(e, victimshield.VictimShieldError) for e in errors)
    assert victimshield.UsageError.exit_code == 2
    assert victimshield.InputError.exit_code == 3
    assert victimshield.VerificationError.exit_code == 1


def test_import_loads_no_model_and_no_presidio():
    code = (
        "import sys, victimshield; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy','presidio_analyzer','thinc')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_only_the_adapter_imports_presidio_or_spacy():
    from pathlib import Path

    root = Path(victimshield.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text()
        if (
            "import presidio" in text or "from presidio" in text or "import spacy" in text
        ) and path.name != "presidio_adapter.py":
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_shipped_folders_are_found_in_an_installed_layout(tmp_path, monkeypatch):
    from victimshield import resources

    packaged = tmp_path / "victimshield"
    (packaged / "_data" / "policies").mkdir(parents=True)
    (packaged / "_data" / "policies" / "baseline.yaml").write_text("policy: baseline\n")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", packaged)
    assert resources.shipped_policy_path("baseline") == packaged / "_data" / "policies" / "baseline.yaml"
