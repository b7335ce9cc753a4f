"""HTML for Jupyter (``_repr_html_``): results, findings, policies, reports and manifests.

Everything shown is escaped. A result shows its redacted text (what may leave) with each
decided span highlighted by role (colour) and action (border); the original values of
protected spans are shown only by ``side_by_side_html``, which the analyst calls with the
original text on purpose. Tables carry positions, types, roles and rules, never values.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from victimshield.finding import Finding
from victimshield.vocabulary import Action, Role

if TYPE_CHECKING:  # types only: showing a plan never runs a stage
    from victimshield.decide import Decision
    from victimshield.explain import Explanation
    from victimshield.manifest import FileEntry
    from victimshield.policy.model import Policy

Span = tuple[int, int]

# Colour says whose it is; the border says what was done to it.
ROLE_COLOURS: dict[Role, str] = {
    Role.MINOR: "#f4b6c2",
    Role.VICTIM: "#f8d0d0",
    Role.WITNESS: "#fde2b8",
    Role.UNKNOWN: "#e0e0e0",
    Role.OTHER: "#e6dcf5",
    Role.OFFICER: "#cfe2ff",
    Role.SUSPECT: "#d4edda",
}
ACTION_BORDERS: dict[Action | str, str] = {
    Action.KEEP: "1px dotted #888",
    Action.REDACT: "2px solid #222",
    Action.MASK: "2px dashed #222",
    Action.PSEUDONYMIZE: "3px double #222",
    Action.GENERALIZE: "2px dotted #222",
    Action.ENCRYPT: "2px solid #7a1fa2",
}
CUSTOM_BORDER = "2px dashed #7a1fa2"  # an action a registered operator adds
_TABLE = 'style="border-collapse:collapse;font-size:90%"'
_CELL = 'style="border:1px solid #ccc;padding:2px 6px;text-align:left"'
_TEXT = 'style="white-space:pre-wrap;font-family:monospace;line-height:1.7"'


class Html:
    """HTML to show in a notebook (``_repr_html_``); ``str()`` gives the markup."""

    def __init__(self, markup: str):
        self.markup = markup

    def __repr__(self) -> str:
        return f"Html({len(self.markup)} characters)"  # never the markup: it may hold values asked for

    def __str__(self) -> str:
        return self.markup

    def _repr_html_(self) -> str:
        return self.markup


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], caption: str | None = None) -> str:
    head = "".join(f"<th {_CELL}>{esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
    title = f"<caption style='text-align:left'>{esc(caption)}</caption>" if caption else ""
    return f"<table {_TABLE}>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _action_order(action: Action | str) -> tuple[int, str]:
    # Built-in actions in their order, then registered operators' by name.
    return (list(Action).index(action), "") if isinstance(action, Action) else (len(Action), action)


def legend(roles: Iterable[Role], actions: Iterable[Action | str]) -> str:
    swatches = [f'<span style="background:{ROLE_COLOURS[r]};padding:0 4px;margin-right:4px">{esc(r.value)}</span>'
                for r in sorted(set(roles), key=list(Role).index)]
    borders = [f'<span style="border:{ACTION_BORDERS.get(a, CUSTOM_BORDER)};padding:0 4px;margin-right:4px">'
               f'{esc(str(a))}</span>' for a in sorted(set(actions), key=_action_order)]
    return f"<div>role: {''.join(swatches) or '-'} &nbsp; action: {''.join(borders) or '-'}</div>"


def describe(decision: Decision) -> str:
    """The hover text of a highlighted span: what it is and why it was treated so."""
    f = decision.finding
    whose = f"{f.role.value} {f.party}" if f.party else f.role.value
    return f"{f.entity_type} · {whose} · {decision.action} · rule {decision.rule_name} · found by {f.recognizer}"


def _mark(inner: str, decision: Decision) -> str:
    role, action = decision.finding.role, decision.action
    border = ACTION_BORDERS.get(action, CUSTOM_BORDER)
    style = f"background:{ROLE_COLOURS[role]};color:#111;border:{border};border-radius:3px;padding:0 2px"
    return f'<mark style="{style}" title="{esc(describe(decision))}">{inner}</mark>'


def highlighted(text: str, decisions: Sequence[Decision], spans: Sequence[Span], label: bool = False) -> str:
    """``text`` with ``spans`` (one per decision) marked; with ``label``, each span's text
    is replaced by its entity type, so no value of it is shown."""
    order = sorted(range(len(decisions)), key=lambda i: spans[i])
    out: list[str] = []
    cursor = 0
    for i in order:
        start, end = spans[i]
        if start < cursor:
            continue  # never show a piece twice
        inner = f"⟨{esc(decisions[i].finding.entity_type)}⟩" if label else esc(text[start:end])
        out += [esc(text[cursor:start]), _mark(inner, decisions[i])]
        cursor = end
    out.append(esc(text[cursor:]))
    return f"<div {_TEXT}>{''.join(out)}</div>"


def decisions_table(decisions: Sequence[Decision], caption: str | None = None) -> str:
    rows = [(n, d.finding.start, d.finding.end, d.finding.entity_type, d.finding.role.value, d.finding.party or "",
             str(d.action), d.rule_name, d.finding.recognizer, f"{d.finding.score:.2f}")
            for n, d in enumerate(sorted(decisions, key=lambda d: d.finding.start), start=1)]
    columns = ("#", "start", "end", "entity type", "role", "party", "action", "rule", "recognizer", "score")
    return table(columns, rows, caption)


def result_html(text: str, decisions: Sequence[Decision], spans: Sequence[Span] | None) -> str:
    """A redaction result: its (shareable) text highlighted, a legend, and its decisions."""
    parts = [legend((d.finding.role for d in decisions), (d.action for d in decisions))]
    if spans is None:
        parts.append("<div><em>the spans could not be placed in the redacted text; see the table</em></div>")
        parts.append(f"<div {_TEXT}>{esc(text)}</div>")
    else:
        parts.append(highlighted(text, decisions, spans))
    parts.append(decisions_table(decisions, f"{len(decisions)} decision(s); start and end are offsets in the original"))
    return "<div>" + "".join(parts) + "</div>"


def side_by_side_html(original: str, text: str, decisions: Sequence[Decision], spans: Sequence[Span] | None,
                      *, show_values: bool = False) -> str:
    """The original (its spans shown as their type unless ``show_values``) beside the result."""
    left = highlighted(
        original, decisions, [(d.finding.start, d.finding.end) for d in decisions], label=not show_values
    )
    right = highlighted(text, decisions, spans) if spans is not None else f"<div {_TEXT}>{esc(text)}</div>"
    cell = 'style="vertical-align:top;border:1px solid #ccc;padding:4px;width:50%"'
    return (
        "<div>" + legend((d.finding.role for d in decisions), (d.action for d in decisions))
        + f"<table {_TABLE}><thead><tr><th {_CELL}>original</th><th {_CELL}>redacted</th></tr></thead>"
        f"<tbody><tr><td {cell}>{left}</td><td {cell}>{right}</td></tr></tbody></table></div>"
    )


def findings_html(findings: Sequence[Finding]) -> str:
    rows = [(n, f.start, f.end, f.entity_type, f.role.value, f.party or "", f.recognizer, f"{f.score:.2f}")
            for n, f in enumerate(findings, start=1)]
    columns = ("#", "start", "end", "entity type", "role", "party", "recognizer", "score")
    return table(columns, rows, f"{len(findings)} finding(s)")


def policy_html(policy: Policy) -> str:
    from victimshield.policy.show import leave_table

    title, columns, rows = leave_table(policy)
    about = [("legal basis", policy.legal_basis), ("handling", policy.handling),
             ("destinations", ", ".join(policy.to) or "-"), ("extends", " → ".join(policy.extends_chain) or "-"),
             ("keep terms", str(len(policy.keep_terms)))]
    return "<div>" + table(("", ""), about, title) + table(columns, rows, "what may leave, per role") + "</div>"


def counts_table(counts: Counter[tuple[str, str, str, str]], caption: str) -> str:
    summary: Counter[tuple[str, str, str]] = Counter()
    for (role, etype, action, _rule), n in counts.items():
        summary[(role, etype, action)] += n
    rows = [(role, etype, action, n) for (role, etype, action), n in sorted(summary.items())]
    return table(("role", "entity type", "action", "spans"), rows, caption)


def report_html(files: Sequence[FileEntry], totals: Counter[tuple[str, str, str, str]], header: str) -> str:
    rows = [(n, e.output, e.format, e.segments, sum(e.counts.values()), "; ".join(e.notes))
            for n, e in enumerate(files, start=1)]
    return ("<div>" + table(("#", "output", "format", "segments", "spans", "notes"), rows, header)
            + counts_table(totals, "totals") + "</div>")


def manifest_html(manifest: Mapping[str, object]) -> str:
    """A ``manifest.json`` as read back: its header, files and totals."""
    policy = manifest.get("policy")
    policy_id = policy.get("id") if isinstance(policy, Mapping) else None
    version = policy.get("version") if isinstance(policy, Mapping) else None
    about = [("policy", f"{policy_id} v{version}"), ("from", manifest.get("from")),
             ("destination", manifest.get("destination")), ("legal basis", manifest.get("legal_basis")),
             ("handling", manifest.get("handling")), ("case", manifest.get("case")),
             ("created", manifest.get("created"))]
    files = manifest.get("files")
    rows = []
    for n, entry in enumerate(files if isinstance(files, list) else [], start=1):
        if isinstance(entry, Mapping):
            decisions = entry.get("decisions")
            spans = (
                sum(int(d.get("count", 0)) for d in decisions if isinstance(d, Mapping))
                if isinstance(decisions, list)
                else 0
            )
            notes = entry.get("notes")
            rows.append((n, entry.get("output"), entry.get("format"), entry.get("segments"), spans,
                         "; ".join(str(x) for x in notes) if isinstance(notes, list) else ""))
    totals = manifest.get("totals")
    total_rows = [(t.get("role"), t.get("entity_type"), t.get("action"), t.get("rule"), t.get("count"))
                  for t in (totals if isinstance(totals, list) else []) if isinstance(t, Mapping)]
    return (
        "<div>"
        + table(("", ""), about, "manifest")
        + table(("#", "output", "format", "segments", "spans", "notes"), rows, "files")
        + table(("role", "entity type", "action", "rule", "spans"), total_rows, "totals")
        + "</div>"
    )


def explanation_html(explanation: Explanation) -> str:
    columns = [
        "#",
        "start",
        "end",
        "entity type",
        "found by",
        "score",
        "role",
        "how the role was decided",
        "rule",
        "action",
    ]
    if explanation.show_values:
        columns.append("value")
    rows = []
    for n, r in enumerate(explanation.spans, start=1):
        row: list[object] = [n, r.start, r.end, r.entity_type, ", ".join(r.recognizers), f"{r.score:.2f}", r.role,
                             r.decided_by, r.rule, r.action]
        if explanation.show_values:
            row.append(r.value or "")
        rows.append(row)
    return table(columns, rows, f"why: {len(rows)} span(s)")
