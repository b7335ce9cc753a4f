"""The policy as a table: what may leave, per role and every concrete entity type."""

from __future__ import annotations

from victimshield.policy.model import DEFAULT_KEY, Policy, Rule
from victimshield.vocabulary import ENTITY_PARENTS, Role, concrete_types


def _cell(rule: Rule, rule_name: str, entity_type: str) -> str:
    text = str(rule.action)
    if rule.to:
        text += f" ({rule.to})"
    if rule.keep_last is not None:
        text += f" (last {rule.keep_last})"
    # Say where a rule came from when a broader type's rule covers this one (NATIONAL_ID for ES_NIF).
    written = rule_name.rsplit(".", 1)[-1]
    if rule_name.startswith("roles.") and written not in (entity_type, DEFAULT_KEY):
        text += f" (via {written})"
    return text


def leave_table(policy: Policy) -> tuple[str, list[str], list[list[str]]]:
    """One row per concrete entity type (what findings carry): the effective action for
    each role, after the tree (most specific rule wins), defaults and fail-closed."""
    named = {k for block in policy.roles.values() for k in block if k != DEFAULT_KEY}
    groups = set(ENTITY_PARENTS.values())
    types = sorted(set(concrete_types()) | (named - groups))
    columns = ["entity type", *[r.value for r in Role]]
    rows = [[etype, *[_cell(*policy.rule_for(role, etype), etype) for role in Role]] for etype in types]
    rows.append(["(any other)", *[_cell(*policy.rule_for(role, DEFAULT_KEY), DEFAULT_KEY) for role in Role]])
    title = (
        f"policy {policy.policy} v{policy.version}: what may leave ({policy.from_} -> {', '.join(policy.to) or '-'})"
    )
    return title, columns, rows
