"""The policy as a table: what may leave, per role and entity type."""

from __future__ import annotations

from victimshield.policy.model import DEFAULT_KEY, Policy, Rule
from victimshield.vocabulary import Role

_COMMON_TYPES = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "LOCATION", "DATE_OF_BIRTH", "AGE",
                 "IBAN_CODE", "PASSPORT", "NATIONAL_ID", "SOCIAL_HANDLE", "ORGANIZATION", "DATE_TIME")


def _cell(rule: Rule) -> str:
    text = rule.action.value
    if rule.to:
        text += f" ({rule.to})"
    if rule.keep_last is not None:
        text += f" (last {rule.keep_last})"
    return text


def leave_table(policy: Policy) -> tuple[str, list[str], list[list[str]]]:
    named = sorted({k for block in policy.roles.values() for k in block if k != DEFAULT_KEY})
    types = list(dict.fromkeys([*_COMMON_TYPES, *named]))
    columns = ["entity type", *[r.value for r in Role]]
    rows = [[etype, *[_cell(policy.rule_for(role, etype)[0]) for role in Role]] for etype in types]
    rows.append(["(any other)", *[_cell(policy.rule_for(role, f"{DEFAULT_KEY}")[0]) for role in Role]])
    title = f"policy {policy.policy} v{policy.version}: what may leave ({policy.from_} -> {', '.join(policy.to) or '-'})"
    return title, columns, rows
