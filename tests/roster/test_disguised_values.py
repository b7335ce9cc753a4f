"""Roster values and identifiers in disguise (issue 8): hidden characters, names spelled
letter by letter or stored backwards, look-alike letters, other case.

Checked through the public API and the CLI. A leak check folds the output the way a
reader would see it (invisible characters gone, case folded, separators dropped), and
failure messages show indexes, never the values.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from typer.testing import CliRunner

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO, ROSTER_YAML, write
from victimshield.cli import app
from victimshield.roster.load import load_roster
from victimshield.roster.matcher import RosterMatcher

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
# Victim V1's values as a reader would recognise them, in the folded form of ``_seen``.
VICTIM_FORMS = ["ioana", "popescu", "ucsepop", "anaoi", "ro49aaaa1b31007593840000", "723456789", "054123987"]
ZWSP, ZWNJ, ZWJ, WJ, SHY, BOM, LRM, RLM = "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f"
RLO, PDF, LRO, RLE, LRE, RLI, LRI, FSI, PDI = (
    "\u202e",
    "\u202c",
    "\u202d",
    "\u202b",
    "\u202a",
    "\u2067",
    "\u2066",
    "\u2068",
    "\u2069",
)
VS16, TAG_A, NBSP, NNBSP = "\ufe0f", "\U000e0041", "\u00a0", "\u202f"
HIDDEN = [ZWSP, ZWNJ, ZWJ, WJ, SHY, BOM, LRM, RLM, RLO, PDF, LRO, RLE, LRE, RLI, LRI, FSI, PDI, VS16, TAG_A]


def _seen(text: str) -> str:
    """What a reader sees, folded: no invisible characters, no case, letters and digits only."""
    shown = "".join(c for c in text if unicodedata.category(c) != "Cf" and not 0xFE00 <= ord(c) <= 0xFE0F)
    return re.sub(r"[\W_]+", "", shown.casefold())


def _leaks(text: str) -> list[int]:
    seen = _seen(text)
    return [i for i, form in enumerate(VICTIM_FORMS) if form in seen]


@pytest.fixture(scope="module")
def roster_path(tmp_path_factory):
    return write(tmp_path_factory.mktemp("disguise") / "roster.yaml", ROSTER_YAML)


@pytest.fixture(scope="module")
def shield(roster_path):
    return vs.Shield.from_files(POLICY, "GB", roster=roster_path, key=KEY, options=vs.Options(as_of=AS_OF))


@pytest.fixture(scope="module")
def matcher(roster_path):
    return RosterMatcher(load_roster(roster_path), as_of=AS_OF, default_region="RO")


def _hide(value: str, char: str) -> str:
    """``char`` after every third character of ``value`` (inside it, never at its end)."""
    return "".join(c + (char if i % 3 == 2 and i < len(value) - 1 else "") for i, c in enumerate(value))


# -- hidden and formatting characters ------------------------------------------------

@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_hidden_character_inside_a_victims_iban_does_not_let_it_through(shield, char):
    text = f"Paid to {_hide('RO49AAAA1B31007593840000', char)} on Monday."
    result = shield.redact_text(text)
    assert _leaks(result.text) == [], f"the IBAN leaked with U+{ord(char):04X} inside"
    assert char not in result.text.split("Paid to ", 1)[1].split(" on Monday", 1)[0], (
        "a hidden character survived in the span"
    )
    assert result.text.startswith("Paid to ") and result.text.endswith(" on Monday.")


@pytest.mark.parametrize("char", [ZWSP, SHY, ZWJ, WJ, LRM], ids=["ZWSP", "SHY", "ZWJ", "WJ", "LRM"])
def test_hidden_characters_inside_a_victims_name_phone_and_passport(shield, char):
    text = (f"{_hide('Ioana', char)} {_hide('Popescu', char)} called from {_hide('+40 723 456 789', char)}; "
            f"passport {_hide('054123987', char)}.")
    assert _leaks(shield.redact_text(text).text) == []


def test_hidden_characters_inside_an_unknown_iban_reach_presidio_and_own_recognizers(shield):
    # No roster lists this IBAN: only the pattern and checksum recognizers can find it.
    text = f"Transfer to {_hide('DE89370400440532013000', ZWSP)} done."
    result = shield.redact_text(text)
    assert "3704" not in _seen(result.text) and "[REDACTED:" in result.text
    assert {f.entity_type for f in result.findings} & {"IBAN_CODE", "ACCOUNT_NUMBER"}


def test_hidden_character_inside_an_unknown_name_reaches_the_ner(shield):
    plain = shield.scan_text("Yesterday Gareth Ortega met the driver.")
    hidden = shield.scan_text(f"Yesterday Gar{ZWSP}eth Ort{SHY}ega met the driver.")
    assert [(f.start, f.end) for f in plain if f.entity_type == "PERSON"] == [(10, 23)]
    assert [(f.start, f.end) for f in hidden if f.entity_type == "PERSON"] == [(10, 25)], (
        "the span covers the hidden characters"
    )


@pytest.mark.parametrize("space", [NBSP, NNBSP, "\u2009", "\u3000"], ids=["NBSP", "NNBSP", "THIN", "IDEOGRAPHIC"])
def test_odd_spaces_inside_a_phone_and_a_name_are_plain_spaces_to_detection(shield, space):
    text = f"Ioana{space}Popescu: +40{space}723{space}456{space}789"
    assert _leaks(shield.redact_text(text).text) == []


def test_spans_map_back_to_the_original_text(shield):
    text = f"a {RLM}b{ZWSP} IBAN RO49{ZWSP}AAAA1B31{SHY}007593840000{ZWJ} end"
    findings = shield.scan_text(text)
    iban = [f for f in findings if f.entity_type == "IBAN_CODE"]
    start = text.index("RO49")
    assert [(f.start, f.end) for f in iban] == [(start, text.index("0000") + 4)]


def test_verify_sees_through_hidden_characters(shield, tmp_path):
    folder = tmp_path / "export"
    write(folder / "note.txt", f"Paid to RO49{ZWSP}AAAA1B31{ZWSP}007593840000 by {_hide('Ioana', ZWNJ)}.\n")
    leaks = shield.verify_paths(folder)
    assert {leak.entity_type for leak in leaks} >= {"IBAN_CODE", "PERSON"}


def test_cli_redact_and_verify_a_file_with_hidden_characters(tmp_path, roster_path):
    key = tmp_path / "case.key"
    key.write_bytes(KEY.hex().encode())
    key.chmod(0o600)  # owner-only, as `key new` writes it
    key.chmod(0o600)
    evidence = write(tmp_path / "in" / "a.txt", f"Victim {_hide('Ioana', ZWSP)} {_hide('Popescu', SHY)}\n"
                                                f"IBAN RO49{WJ}AAAA 1B31{ZWSP}0075 9384 0000\n"
                                                f"{RLO}ucsepoP anaoI{PDF} left\n")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["redact", str(evidence), "--policy", str(POLICY), "--to", "GB",
                                 "--roster", str(roster_path), "--key-file", str(key), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = (out / "a.txt").read_text(encoding="utf-8")
    assert _leaks(written) == [] and _leaks(result.output) == []
    assert written.count("\n") == 3, "one line out for each line in"
    raw = runner.invoke(
        app, ["verify", str(evidence.parent), "--policy", str(POLICY), "--to", "GB", "--roster", str(roster_path)]
    )
    assert raw.exit_code == 1, "verify must see the hidden values in the unredacted input"


# -- names spelled letter by letter, or stored backwards ------------------------------

SPELLED = ["I.o.a.n.a", "I o a n a", "I-o-a-n-a", "I.o.a.n.a P.o.p.e.s.c.u", "I o a n a P o p e s c u",
           "P . o . p . e . s . c . u", "i_o_a_n_a", "I*o*a*n*a", "P-O-P-E-S-C-U"]


@pytest.mark.parametrize("form", SPELLED)
def test_dotted_or_spaced_roster_name_is_found(shield, matcher, form):
    text = f"We met {form} at the station."
    found = matcher.find(text)
    start = text.index(form)
    assert [(m.start, m.end, m.parties) for m in found] == [(start, start + len(form), ("V1",))]
    assert _leaks(shield.redact_text(text).text) == []


@pytest.mark.parametrize("form", ["ucsepoP anaoI", f"{RLO}ucsepoP anaoI{PDF}", f"{RLI}{RLO}ucsepoP{PDF}{PDI}",
                                  "UCSEPOP", "anaoI", f"{RLO}anaoI{PDF}"])
def test_name_stored_backwards_is_found(shield, form):
    text = f"Statement of {form}, read aloud."
    assert _leaks(shield.redact_text(text).text) == [], "a reversed victim name leaked"


@pytest.mark.parametrize("text", ["I. P. and U S A", "U.S.A. and I.P.", "a b c d e", "O K then", "Ana are mere",
                                  "Pop is a genre", "R O 4 9"])
def test_initials_and_spelled_acronyms_are_not_roster_names(matcher, text):
    assert matcher.find(text) == []


def test_a_suspects_name_backwards_in_part_claims_no_ordinary_word(tmp_path):
    # "Noel" backwards is "Leon"; a suspect's reversed name part must not mark another
    # person's name (or a word) as the suspect's, which would keep it.
    path = write(tmp_path / "r.yaml", "parties:\n  - {id: S1, role: suspect, names: [Noel Barbu]}\n")
    m = RosterMatcher(load_roster(path), as_of=AS_OF)
    assert m.find("Leon called") == []
    assert [x.parties for x in m.find("ubrab leon called")] == [("S1",)], (
        "the whole name backwards is still the suspect"
    )


# -- look-alike letters and case -----------------------------------------------------

@pytest.mark.parametrize(
    "form",
    ["Iоana Popеscu", "Ioаna", "Рoрesсu", "РОРЕSСU", "IOANA popescu", "iOaNa", "Ιoana"],
    ids=["cyr-o-e", "cyr-a", "cyr-p-c", "cyr-upper", "case", "mixed-case", "greek-iota"],
)
def test_homoglyphs_and_other_case_in_roster_names(shield, matcher, form):
    text = f"Then {form} left."
    found = matcher.find(text)
    start = text.index(form)
    assert any(m.start == start and m.end == start + len(form) and m.parties == ("V1",) for m in found), \
        f"spans {[(m.start, m.end) for m in found]}"
    out = shield.redact_text(text).text
    assert out.startswith("Then ") and out.endswith(" left.") and form not in out


def test_a_name_wholly_in_cyrillic_is_still_transliterated(tmp_path):
    path = write(tmp_path / "r.yaml", "parties:\n  - {id: V7, role: victim, names: [Yulia Kovalenko]}\n")
    m = RosterMatcher(load_roster(path), as_of=AS_OF)
    assert [x.parties for x in m.find("Коваленко said")] == [("V7",)]


def test_an_unknown_name_with_a_hidden_character_gets_the_same_pseudonym(shield):
    plain = shield.redact_text("The client Gareth Ortega paid.").text
    hidden = shield.redact_text(f"The client Gar{ZWSP}eth Ort{SHY}ega paid.").text
    assert re.findall(r"PERSON-[0-9a-f]+", plain) == re.findall(r"PERSON-[0-9a-f]+", hidden) != []


def test_roster_values_glued_to_letters_are_found(tmp_path):
    # A date of birth in an ISO timestamp and a phone written straight after a name once passed.
    import victimshield as vs
    from tests.conftest import KEY

    roster = tmp_path / "r.yaml"
    roster.write_text("parties:\n  - {id: V1, role: victim, names: [Ioana Popescu], born: 2010-02-03,"
                      " phones: ['+40 723 456 789']}\n")
    shield = vs.Shield.from_files("ro-to-gb", "GB", roster=roster, key=KEY)
    out = shield.redact_text("born 2010-02-03T00:00:00Z; contact Ioana0723456789; ref 10723456789").text
    assert "2010-02-03" not in out and "0723456789" not in out.replace("10723456789", "")
    assert "10723456789" in out  # a longer number does not hold the roster's


def test_a_lone_look_alike_letter_inside_an_iban_does_not_hide_it(tmp_path):
    # Found by the property suite: in RO49AAAA1B31…, the 'B' stands alone between digits;
    # written as a Cyrillic 'В' it once made its own "word" and was left unread.
    import victimshield as vs
    from tests.conftest import KEY

    roster = tmp_path / "r.yaml"
    roster.write_text(
        "parties:\n  - {id: V1, role: victim, names: [Ioana Popescu], accounts: [RO49AAAA1B31007593840000]}\n"
    )
    shield = vs.Shield.from_files("ro-to-gb", "GB", roster=roster, key=KEY)
    out = shield.redact_text('{"iban": "RO49AAAA1\u041231007593840000"}').text
    assert "31007593840000" not in out
