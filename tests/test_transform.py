"""Each action on its own, and the pseudonym and encryption guarantees."""

import pytest
from cryptography.exceptions import InvalidTag

from victimshield.decide import Decision
from victimshield.errors import KeyRequiredError, VictimShieldError
from victimshield.finding import Finding
from victimshield.policy.model import Rule
from victimshield.transform.actions import Pseudonymizer, generalize, mask
from victimshield.transform.apply import Transformer
from victimshield.transform.keys import CaseKey
from victimshield.vocabulary import Action, Role

KEY = CaseKey(bytes(range(32)))


def transformer(key=KEY, length=8):
    return Transformer(key, pseudonym_length=length, region="RO")


def decision(start, end, etype, action, role=Role.VICTIM, party=None, **rule):
    finding = Finding(start, end, etype, 1.0, "test", role=role, party=party)
    return Decision(finding, Rule(action=action, **rule), f"roles.{role}.{etype}")


TEXT = "Ioana Popescu, tel +40 723 456 789, born 12.04.2001, aged 16."


def span(part):
    start = TEXT.index(part)
    return start, start + len(part)


NAME, PHONE, DOB, AGE = span("Ioana Popescu"), span("+40 723 456 789"), span("12.04.2001"), span("aged 16")


def test_keep_and_redact():
    t = transformer()
    assert t.apply(TEXT, [decision(*NAME, "PERSON", Action.KEEP)]) == TEXT
    out = t.apply(TEXT, [decision(*NAME, "PERSON", Action.REDACT), decision(*PHONE, "PHONE_NUMBER", Action.REDACT)])
    assert out == "[REDACTED:PERSON], tel [REDACTED:PHONE_NUMBER], born 12.04.2001, aged 16."


def test_mask_keeps_separators_and_at_most_a_third():
    assert mask("+40 723 456 789", None) == "+** *** *** 789"  # 4 asked by default, 11 // 3 allowed
    assert mask("+40 723 456 789", 2) == "+** *** *** *89"
    assert mask("Ioana", None) == "*****"
    assert mask("12345", 4) == "****5"  # 4 asked, a third allowed


def test_pseudonymize_is_readable_keyed_and_stable_across_runs_and_forms():
    first = transformer().apply(TEXT, [decision(*NAME, "PERSON", Action.PSEUDONYMIZE, party="V1")])
    second = transformer().apply("Ionela", [decision(0, 6, "PERSON", Action.PSEUDONYMIZE, party="V1")])
    token = first.split(",")[0]
    assert token.startswith("VICTIM-") and len(token) == len("VICTIM-") + 8
    assert second == token  # same party, another name, another run: same token
    other_key = Transformer(CaseKey(b"another case key, 32 bytes long!"), pseudonym_length=8, region="RO")
    assert other_key.apply("Ionela", [decision(0, 6, "PERSON", Action.PSEUDONYMIZE, party="V1")]) != token
    # Unknown people key on the value: one token for one phone however it is written.
    a = transformer().apply(
        "+40 723 456 789", [decision(0, 15, "PHONE_NUMBER", Action.PSEUDONYMIZE, role=Role.UNKNOWN)]
    )
    b = transformer().apply("0723456789", [decision(0, 10, "PHONE_NUMBER", Action.PSEUDONYMIZE, role=Role.UNKNOWN)])
    assert a == b and a.startswith("PHONE-")


def test_pseudonym_collisions_are_detected():
    p = Pseudonymizer(b"k" * 32, length=1)  # absurdly short on purpose: 16 tokens at most
    with pytest.raises(VictimShieldError, match=r"raise pseudonyms\.length"):
        for i in range(100):
            p.token("PERSON", f"value-{i}")


def test_pseudonyms_of_distinct_values_differ_at_default_length():
    p = Pseudonymizer(b"k" * 32, length=8)
    tokens = {p.token("PERSON", f"person number {i}") for i in range(20000)}
    assert len(tokens) == 20000


def test_encrypt_is_deterministic_and_reversible_by_the_key_holder():
    t = transformer()
    one = t.apply(TEXT, [decision(*NAME, "PERSON", Action.ENCRYPT)])
    two = transformer().apply(TEXT, [decision(*NAME, "PERSON", Action.ENCRYPT)])
    assert one == two and "Ioana" not in one
    token = one.split(",")[0]
    from victimshield.transform.actions import Encryptor

    assert Encryptor(KEY.encryption_key).decrypt(token) == "Ioana Popescu"
    with pytest.raises((InvalidTag, VictimShieldError)):  # whichever layer reports it, a wrong key opens nothing
        Encryptor(CaseKey(b"x" * 32).encryption_key).decrypt(token)


def test_generalize():
    t = transformer()
    out = t.apply(TEXT, [decision(*DOB, "DATE_OF_BIRTH", Action.GENERALIZE, to="year"),
                         decision(*AGE, "AGE", Action.GENERALIZE, to="band")])
    assert out == "Ioana Popescu, tel +40 723 456 789, born 2001, under 18."
    assert generalize("DATE_OF_BIRTH", "12.04.2001", "decade") == "2000s"
    assert generalize("ADDRESS", "Strada Lipscani 12, 030167 Bucuresti", "city") == "Bucuresti"
    assert generalize("AGE", "34 years old", "band") == "25-34"
    # What cannot be generalised safely is redacted (fail closed).
    assert (
        t.apply("born in spring", [decision(0, 14, "DATE_OF_BIRTH", Action.GENERALIZE, to="year")])
        == "[REDACTED:DATE_OF_BIRTH]"
    )
    assert generalize("ADDRESS", "Strada Lipscani 12", "city") is None


def test_adjacent_spans_are_all_replaced():
    text = "John SmithMary Jones"
    out = transformer().apply(text, [decision(0, 10, "PERSON", Action.REDACT, role=Role.UNKNOWN),
                                     decision(10, 20, "PERSON", Action.REDACT, role=Role.UNKNOWN)])
    assert out == "[REDACTED:PERSON][REDACTED:PERSON]"


def test_keyed_actions_need_a_key():
    t = Transformer(None, pseudonym_length=8, region=None)
    with pytest.raises(KeyRequiredError, match="--key-file"):
        t.apply(TEXT, [decision(*NAME, "PERSON", Action.PSEUDONYMIZE)])
    with pytest.raises(KeyRequiredError):
        t.apply(TEXT, [decision(*NAME, "PERSON", Action.ENCRYPT)])


def test_key_repr_hides_the_secret():
    assert "0102" not in repr(KEY) and repr(KEY) == "CaseKey(<secret>)"


def test_a_short_name_takes_the_pseudonym_of_the_one_full_name_it_belongs_to():
    from victimshield.decide import Plan
    from victimshield.transform.aliases import NameAliases

    texts = ["Client Dave Morgan paid.", "tell dave to wait", "Dave Price and Mary Price came", "mary too"]

    def person(text, name):
        start = text.index(name)
        return decision(start, start + len(name), "PERSON", Action.PSEUDONYMIZE, role=Role.UNKNOWN)

    plan = Plan(((person(texts[0], "Dave Morgan"),), (person(texts[1], "dave"),),
                 (person(texts[2], "Dave Price"), person(texts[2], "Mary Price")), (person(texts[3], "mary"),)))
    aliases = NameAliases.from_plan(texts, plan)
    t = transformer()
    out = [t.apply(text, decisions, aliases) for text, decisions in zip(texts, plan.segments, strict=True)]
    full = out[0].split()[1]
    assert out[1].split()[1] != full, "'dave' is Dave Morgan or Dave Price: ambiguous, so its own token"
    assert out[3].split()[0] == out[2].split()[2], "'mary' is only Mary Price"
    assert "Morgan" not in repr(aliases) and "mary" not in repr(aliases)


def test_a_case_ending_glued_to_a_token_is_not_a_new_name_but_a_number_glued_to_one_is():
    from victimshield.finding import Finding
    from victimshield.transform.products import strip_products

    text = "свідками стали VICTIM-3f9a1c2b’ю і [REDACTED:PERSON]0723456789"
    first = text.index("VICTIM")
    second = text.index("[REDACTED")
    ner = Finding(first, first + len("VICTIM-3f9a1c2b’ю"), "PERSON", 0.85, "SpacyRecognizer+phone_numbers")
    roster = Finding(second, len(text), "PHONE_NUMBER", 1.0, "roster")
    kept = strip_products(text, [ner, roster])
    assert [text[f.start:f.end] for f in kept] == ["0723456789"]
