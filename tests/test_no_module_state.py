"""No module-level mutable state: caches belong to the objects that use them (docs/quality-gates.md).

A memory of evidence (a text, a word of a chat) kept by a module outlives the shield that
read it and is shared by every case the process handles. The AST scan below finds every
module-level memo (``functools.lru_cache``/``cache`` on a module function), every empty
container assigned at module level (a table meant to fill up) and every ``global``
statement. What remains is listed here, each with why it may stay: pure functions of data
that ships with the installed packages, or of one character, read-only once built.
"""

import ast
from pathlib import Path

import victimshield

PACKAGE = Path(victimshield.__file__).parent

ALLOWED_MODULE_CACHES = {
    # Shipped data loaded once per process, never changed afterwards.
    "formats/ocr.py:installed_languages": "the Tesseract languages installed on this machine (a tuple)",
    "detect/gazetteer.py:_cached": "names-dataset's given names and surnames (a frozenset per kind)",
    "detect/gazetteer.py:_given_name_deletions": "derived from the shipped given names (frozenset)",
    "detect/gazetteer.py:known_names": "union of the two shipped name sets (frozenset)",
    "detect/language.py:_identifier": "py3langid's shipped model, configured once, only read afterwards",
    "detect/lexicon.py:closed_words": "this module's own month/weekday/label lists per language (frozenset)",
    "detect/word_table.py:word_table": "one language's wordfreq table, distilled on disk; only read afterwards",
    "detect/word_table.py:_folded_in_memory": "without a writable cache: wordfreq's list folded (never changed)",
    "roster/common_words.py:_zipf_table": "wordfreq's shipped 'small' lists (read-only mapping)",
    "detect/presidio_adapter.py:_spacy_pipeline": "an installed spaCy model: loading it costs seconds and memory",
    "formats/pdf/write.py:_glyphs": "the code points an installed font draws (frozenset)",
    "detect/phone_guard.py:fewest_phone_digits": "the shortest number in phonenumbers' shipped metadata (an int)",
    # Keyed by recognizer configuration (context words of specs), never by evidence.
    "detect/context.py:context_pattern": "one compiled regex per recognizer's context word list",
    # Pure functions of one character (Unicode data): no value of the evidence is kept.
    "normalize.py:fold_char": "one character folded",
    "normalize.py:_ascii_of": "one character transliterated",
    "disguises.py:_visible_char": "one character as a reader sees it",
}

_MEMO_DECORATORS = {"lru_cache", "cache"}
_EMPTY_CONTAINER_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _is_empty_container(value: ast.expr | None) -> bool:
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, ast.List | ast.Set):
        return not value.elts
    if isinstance(value, ast.Call) and not value.keywords:
        name = _decorator_name(value)
        if name == "defaultdict":
            return len(value.args) <= 1  # only the factory: the table starts empty
        return name in _EMPTY_CONTAINER_CALLS and not value.args
    return False


def module_state(source: str, module: str) -> list[str]:
    """Where ``source`` keeps state at module level: module memos, empty containers, ``global``."""
    tree = ast.parse(source)
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            _decorator_name(d) in _MEMO_DECORATORS for d in node.decorator_list
        ):
            found.append(f"{module}:{node.name}")
        if isinstance(node, ast.Assign | ast.AnnAssign) and _is_empty_container(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [f"{module}:{ast.unparse(t)} (empty container)" for t in targets]
    found += [f"{module}:global {', '.join(n.names)}" for n in ast.walk(tree) if isinstance(n, ast.Global)]
    return found


def _package_state() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += module_state(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    return found


def test_no_module_level_cache_outside_the_allowlist():
    unexplained = [entry for entry in _package_state() if entry not in ALLOWED_MODULE_CACHES]
    assert unexplained == [], "move these caches onto the object that uses them, or allow one with a reason"


def test_the_allowlist_names_only_caches_that_exist():
    stale = sorted(set(ALLOWED_MODULE_CACHES) - set(_package_state()))
    assert stale == []


def test_the_scan_finds_each_kind_of_module_state():
    source = (
        "import functools\nfrom functools import lru_cache\n"
        "@functools.lru_cache(maxsize=8)\ndef a(x): return x\n"
        "@lru_cache\ndef b(x): return x\n"
        "_SEEN = {}\n_ORDER: list[str] = []\n_BY = defaultdict(set)\nCONSTANT = {'a': 1}\n"
        "def c():\n    global _SEEN\n"
    )
    assert module_state(source, "m.py") == [
        "m.py:a", "m.py:b", "m.py:_SEEN (empty container)", "m.py:_ORDER (empty container)",
        "m.py:_BY (empty container)", "m.py:global _SEEN",
    ]


def test_word_memories_belong_to_each_shields_recognizers():
    from victimshield.detect.span_recognizers import default_span_recognizers
    from victimshield.detect.span_recognizers.person_names import PersonNames

    first = next(r for r in default_span_recognizers(["RO"]) if isinstance(r, PersonNames))
    second = next(r for r in default_span_recognizers(["RO"]) if isinstance(r, PersonNames))
    first.find("client dave paid")
    assert first._frequencies.word_frequency.cache_info().currsize > 0
    assert second._frequencies.word_frequency.cache_info().currsize == 0


def test_number_recognizers_of_one_shield_share_one_revealed_text():
    from victimshield.detect.span_recognizers import default_span_recognizers

    reveals = {id(r._reveal) for r in default_span_recognizers(["RO"]) if hasattr(r, "_reveal")}
    assert len(reveals) == 1
