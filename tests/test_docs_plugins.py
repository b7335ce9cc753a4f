"""docs/plugins.md: every example runs, in order, in a folder holding the files it shows."""

from __future__ import annotations

import re

from tests.conftest import REPO

DOC = REPO / "docs" / "plugins.md"
_FILE_BLOCK = re.compile(r"<!-- file: (?P<name>[\w./-]+) -->\n```\w*\n(?P<body>.*?)```", re.DOTALL)
_PYTHON_BLOCK = re.compile(r"```python\n(?P<body>.*?)```", re.DOTALL)


def test_every_example_in_the_plugins_guide_runs(tmp_path, monkeypatch):
    from victimshield.transform.keys import write_new_key

    text = DOC.read_text(encoding="utf-8")
    files = {m.group("name"): m.group("body") for m in _FILE_BLOCK.finditer(text)}
    examples = [m.group("body") for m in _PYTHON_BLOCK.finditer(text)]
    assert {"case-numbers.yaml", "specs/case_numbers.yaml"} <= set(files) and len(examples) >= 6
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    write_new_key(tmp_path / "case.key")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "plugins_guide"}
    for number, example in enumerate(examples, start=1):
        exec(compile(example, f"docs/plugins.md example {number}", "exec"), namespace)
