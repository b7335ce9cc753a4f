"""Operators: one per action, in a registry a shield owns. A test adds an action from
outside the package, a policy rule uses it, and verify settles because the operator says
what its own output looks like."""

from __future__ import annotations

import hashlib
import hmac
import textwrap
from typing import Any

import pytest

import victimshield as vs
from tests.conftest import AS_OF, KEY, ROSTER_YAML, leaked_values, write
from victimshield.finding import Finding
from victimshield.operators import Operator, OperatorBase, OperatorRegistry

TEXT = "Ioana Popescu met Marius Stan. Later Ioana Popescu called Elena Dumitru."
POLICY = textwrap.dedent("""\
    policy: hashed-names
    version: 1
    extends: ro-to-gb
    to: [GB]
    roles:
      victim:
        PERSON: hash
      minor:
        PERSON: hash
    """)


class HashOperator(OperatorBase):
    """A keyed digest written as ``<#` + ten digits + ``>``: the same person, the same tag."""

    needs_key = True
    always_changes = True
    keyed = True
    products = r"<#\d{10}>"

    def operator_name(self) -> str:
        return "hash"

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        params = params or {}
        source = params["party"] or text  # one tag per roster party, whichever name is written
        digest = hmac.new(params["key"].operator_key("hash"), source.encode(), hashlib.sha256).digest()
        return f"<#{int.from_bytes(digest[:8], 'big') % 10**10:010d}>"


@pytest.fixture
def hashed(tmp_path):
    policy = write(tmp_path / "hash.yaml", POLICY)
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    return vs.Shield.from_files(policy, "GB", roster=roster, key=KEY, options=vs.Options(as_of=AS_OF),
                                operators=[HashOperator()])


def test_an_operator_from_outside_is_used_by_a_policy_rule_and_verifies(hashed, tmp_path):
    result = hashed.redact_text(TEXT)
    tags = [result.text[s:e] for s, e in _tag_spans(result.text)]
    assert len(tags) == 3 and tags[0] == tags[1] != tags[2], "one tag per party"
    assert leaked_values(result.text) == [] and "Marius Stan" in result.text
    assert {str(d.action) for d in result.plan.decisions() if d.finding.party in ("V1", "V2")} == {"hash"}

    write(tmp_path / "in" / "note.txt", TEXT + "\n")
    report = hashed.redact_paths([tmp_path / "in"], tmp_path / "out")  # raises if verify finds anything
    assert report.totals()[("victim", "PERSON", "hash", "roles.victim.PERSON")] == 2
    assert report.totals()[("minor", "PERSON", "hash", "roles.minor.PERSON")] == 1
    assert hashed.verify_paths(tmp_path / "out") == []


def test_an_operators_products_are_read_as_the_tools_own_output(hashed):
    text = "paid to <#0723456789> today"
    start = text.index("<#")
    phone_like = Finding(start + 2, start + 12, "PHONE_NUMBER", 0.9, "PhoneRecognizer")
    transformer = hashed._engine.transformer
    assert transformer.strip_products(text, [phone_like]) == []  # its own tag: not evidence
    # Keyed: detection reads the digits as fixed letters, so findings never depend on the key.
    assert transformer.neutral_text(text) == "paid to <#xxxxxxxxxx> today"
    plain = vs.Shield(hashed.policy, "GB", key=KEY, operators=[HashOperator()])._engine.transformer
    unregistered = vs.Shield(vs.load_policy(_shipped("ro-to-gb")), "GB", key=KEY)._engine.transformer
    assert plain.strip_products(text, [phone_like]) == []
    assert unregistered.strip_products(text, [phone_like]) == [phone_like]


def test_a_policy_naming_an_unregistered_action_fails_closed(tmp_path):
    policy = write(tmp_path / "hash.yaml", POLICY)
    with pytest.raises(vs.PolicyError) as info:
        vs.Shield.from_files(policy, "GB", key=KEY)
    assert any("roles.victim.PERSON: unknown action 'hash'" in p for p in info.value.problems)
    loaded = vs.load_policy(policy, actions=["hash"])
    with pytest.raises(vs.PolicyError) as info:
        vs.Shield(loaded, "GB", key=KEY)
    assert any("no operator of this shield has it" in p for p in info.value.problems)


def test_a_keyed_operator_needs_the_key(tmp_path):
    policy = write(
        tmp_path / "hash.yaml",
        "policy: p\nversion: 1\nfrom: RO\nto: [GB]\nlegal_basis: x\nhandling: TLP:AMBER\n"
        "roles:\n  victim: {default: redact, PERSON: hash}\n  unknown: {default: redact}\n",
    )
    loaded = vs.load_policy(policy, actions=["hash"])
    assert not loaded.needs_key()  # the policy alone cannot tell: the operator says so
    shield = vs.Shield(loaded, "GB", operators=[HashOperator()])
    with pytest.raises(vs.KeyRequiredError):
        shield.redact_text(TEXT)


def test_builtin_operators_each_own_their_action():
    registry = OperatorRegistry()
    assert registry.names() == {a.value for a in vs.Action}
    assert all(isinstance(o, Operator) for o in registry)
    keyed = {o.operator_name() for o in registry if getattr(o, "needs_key", False)}
    assert keyed == {"pseudonymize", "encrypt"}
    with pytest.raises(vs.UsageError, match="registered already"):
        registry.register(_Named("mask"))
    broken = _Named("broken")
    broken.products = "(unclosed"
    with pytest.raises(vs.UsageError, match="does not compile"):
        registry.register(broken)
    with pytest.raises(ValueError, match="'to' does not go with action mask"):
        registry.get("mask").validate({"to": "year"})


def test_presidio_anonymizer_is_not_imported_to_redact(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    code = ("import sys, victimshield as vs\n"
            "s = vs.Shield.from_files('ro-to-gb', 'GB', key=bytes(range(32)))\n"
            "s.redact_text('Dave Morgan paid.')\n"
            "print('presidio_anonymizer' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}, timeout=600)
    assert done.stdout.strip() == "False", done.stderr[-2000:]


class _Named(OperatorBase):
    def __init__(self, name: str):
        self._name = name

    def operator_name(self) -> str:
        return self._name

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return text


def _tag_spans(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"<#\d{10}>", text)]


def _shipped(name: str):
    from victimshield.resources import shipped_policy_path

    return shipped_policy_path(name)


class KeepFirst(OperatorBase):
    """Takes an option: ``keep_last`` here counts characters kept from the start."""

    always_changes = True
    options = frozenset({"keep_last"})
    products = r"[^\s]{0,8}…"

    def operator_name(self) -> str:
        return "keep_first"

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return text[: (params or {}).get("keep_last", 1)] + "…"


def test_an_operator_checks_its_own_options(tmp_path):
    base = (
        "policy: p\nversion: 1\nfrom: RO\nto: [GB]\nlegal_basis: x\nhandling: TLP:AMBER\n"
        "roles:\n  unknown: {default: redact, "
    )
    fits = write(tmp_path / "fits.yaml", base + "PERSON: {action: keep_first, keep_last: 2}}\n")
    shield = vs.Shield.from_files(fits, "GB", operators=[KeepFirst()])
    assert shield.redact_text("Dave Morgan paid.").text == "Da… paid."
    wrong = write(tmp_path / "wrong.yaml", base + "PERSON: {action: keep_first, to: year}}\n")
    with pytest.raises(vs.PolicyError) as info:
        vs.Shield.from_files(wrong, "GB", operators=[KeepFirst()])
    assert any("roles.unknown.PERSON: 'to' does not go with action keep_first" in p for p in info.value.problems)
