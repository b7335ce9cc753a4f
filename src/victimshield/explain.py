"""For analysts: why each span was treated as it was, findings as DataFrames, a quick plot.

Nothing here holds a value unless the analyst asked (``show_values=True``): an
explanation names the span by position, type, recognizers, role and rule.
pandas and matplotlib are imported only when a frame or a plot is asked for.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victimshield.decide import CASE_KEY_RULE, Decision
from victimshield.errors import OptionalDependencyError
from victimshield.finding import Finding
from victimshield.vocabulary import Role

if TYPE_CHECKING:
    import pandas as pd

    from victimshield.manifest import FileEntry

FINDING_COLUMNS = ("start", "end", "entity_type", "role", "party", "action", "rule", "recognizer", "score")
COUNT_COLUMNS = ("file", "output", "format", "role", "entity_type", "action", "rule", "count")


def decided_by(decision: Decision) -> str:
    """How the span's role was decided, in words (roster party, or no party: unknown)."""
    finding = decision.finding
    if decision.rule_name == CASE_KEY_RULE:
        return "the case key, found in the text: always redacted"
    if finding.party is None:
        return f"no roster party matched: role {finding.role.value}"
    if finding.minor or finding.role is Role.MINOR:
        return f"roster party {finding.party} (minor: under 18 on the export day, or marked minor)"
    return f"roster party {finding.party} ({finding.role.value})"


@dataclass(frozen=True, slots=True)
class SpanExplanation:
    start: int
    end: int
    entity_type: str
    recognizers: tuple[str, ...]
    score: float
    role: str
    party: str | None
    decided_by: str
    rule: str
    action: str
    value: str | None = field(default=None, repr=False)  # only when asked for

    def describe(self) -> str:
        text = (f"chars {self.start}-{self.end}: {self.entity_type} (found by {', '.join(self.recognizers)}, "
                f"score {self.score:.2f}); {self.decided_by}; rule {self.rule}: {self.action}")
        return text + (f"; value {self.value!r}" if self.value is not None else "")


@dataclass(frozen=True)
class Explanation:
    """Why each span of a text was (or was not) changed; ``str()`` gives one line per span."""

    spans: tuple[SpanExplanation, ...]
    show_values: bool = False

    def __str__(self) -> str:
        return "\n".join(s.describe() for s in self.spans) or "nothing found"

    def __len__(self) -> int:
        return len(self.spans)

    def _repr_html_(self) -> str:
        from victimshield.display import explanation_html

        return explanation_html(self)

    def frame(self) -> pd.DataFrame:
        import pandas

        columns = [*FINDING_COLUMNS[:-2], "recognizer", "score", "decided_by"] + (["value"] if self.show_values else [])
        rows = [{"start": s.start, "end": s.end, "entity_type": s.entity_type, "role": s.role, "party": s.party,
                 "action": s.action, "rule": s.rule, "recognizer": "+".join(s.recognizers), "score": s.score,
                 "decided_by": s.decided_by, **({"value": s.value} if self.show_values else {})} for s in self.spans]
        return pandas.DataFrame(rows, columns=columns)


def explain_decisions(text: str, decisions: Iterable[Decision], *, show_values: bool = False) -> Explanation:
    spans = tuple(
        SpanExplanation(
            d.finding.start, d.finding.end, d.finding.entity_type, tuple(d.finding.recognizer.split("+")),
            d.finding.score, d.finding.role.value, d.finding.party, decided_by(d), d.rule_name, str(d.action),
            text[d.finding.start : d.finding.end] if show_values else None,
        )
        for d in sorted(decisions, key=lambda d: d.finding.start)
    )
    return Explanation(spans, show_values)


def findings_frame(decisions: Iterable[Decision]) -> pd.DataFrame:
    """One row per decided span: where, what, whose, what was done and why; no values."""
    rows = [(d.finding.start, d.finding.end, d.finding.entity_type, d.finding.role.value, d.finding.party,
             str(d.action), d.rule_name, d.finding.recognizer, d.finding.score) for d in decisions]
    import pandas

    return pandas.DataFrame(rows, columns=list(FINDING_COLUMNS))


def plain_findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings before any policy (a scan): the same columns, action and rule empty."""
    rows = [(f.start, f.end, f.entity_type, f.role.value, f.party, None, None, f.recognizer, f.score) for f in findings]
    import pandas

    return pandas.DataFrame(rows, columns=list(FINDING_COLUMNS))


class FindingList(list[Finding]):
    """A list of findings that renders as a table in Jupyter and turns into a DataFrame."""

    def _repr_html_(self) -> str:
        from victimshield.display import findings_html

        return findings_html(self)

    def frame(self) -> pd.DataFrame:
        return plain_findings_frame(self)


class Findings(tuple[Finding, ...]):
    """A result's findings: a tuple that renders as a table in Jupyter and turns into a DataFrame."""

    def _repr_html_(self) -> str:
        from victimshield.display import findings_html

        return findings_html(self)

    def frame(self) -> pd.DataFrame:
        return plain_findings_frame(self)


def counts_frame(files: Sequence[FileEntry]) -> pd.DataFrame:
    """Spans per file (by position and output name), role, entity type, action and rule."""
    rows = [(n, e.output, e.format, role, etype, action, rule, count)
            for n, e in enumerate(files, start=1) for (role, etype, action, rule), count in sorted(e.counts.items())]
    import pandas

    return pandas.DataFrame(rows, columns=list(COUNT_COLUMNS))


def by_type_and_role(frame: pd.DataFrame) -> pd.DataFrame:
    """Spans per entity type (rows) and role (columns), from a ``counts_frame``."""
    table = frame.pivot_table(index="entity_type", columns="role", values="count", aggfunc="sum", fill_value=0)
    return table.sort_index()


def plot_findings(frame: pd.DataFrame, ax: Any = None) -> Any:
    """A stacked bar chart of spans per entity type and role; needs matplotlib (optional)."""
    try:
        plt: Any = importlib.import_module("matplotlib.pyplot")  # optional: not a dependency
    except ImportError:
        raise OptionalDependencyError("the plot needs matplotlib, which VictimShield does not install: "
                                      "pip install matplotlib (or use report.findings_frame())") from None
    counts = by_type_and_role(frame)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(counts))))
    counts.plot.barh(stacked=True, ax=ax)
    ax.set_xlabel("spans")
    ax.set_ylabel("entity type")
    ax.set_title("findings per entity type and role")
    return ax


@dataclass(frozen=True)
class ManifestView:
    """A ``manifest.json`` read back, for a notebook: renders as tables; ``.data`` is the JSON."""

    data: Mapping[str, object]

    @classmethod
    def read(cls, path: str | Path) -> ManifestView:
        """``path`` is the manifest or the export folder holding it."""
        from victimshield.errors import UsageError

        where = Path(path)
        where = where / "manifest.json" if where.is_dir() else where
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"manifest: cannot read it ({type(exc).__name__})") from None
        if not isinstance(data, dict):
            raise UsageError("manifest: not a VictimShield manifest (not a JSON object)")
        return cls(data)

    def _repr_html_(self) -> str:
        from victimshield.display import manifest_html

        return manifest_html(self.data)

    def totals_frame(self) -> pd.DataFrame:
        totals = self.data.get("totals")
        rows = [t for t in totals if isinstance(t, Mapping)] if isinstance(totals, list) else []
        import pandas

        return pandas.DataFrame(rows, columns=["role", "entity_type", "action", "rule", "count"])
