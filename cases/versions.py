"""Every saved version of an intake and a plan of action, and what changed between two.

`workflow.save_versioned` keeps a TextVersion of each save (and, the first time, of the text as
it was before it). The difference between two versions is computed here with difflib, word by
word, as plain pieces (kept, removed, added) that a template escapes like any other text.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Goal, Intake, Plan, TextVersion

INTAKE_FIELDS = ["held_on", *Intake.TEXTS]
PLAN_FIELDS = [
    "planned_sessions",
    "evaluation_on",
    "agreed_pupil",
    "agreed_parents",
    "agreed_school",
    "agreed_on",
]
GOALS = "goals"


def text_kind(instance: Intake | Plan) -> str:
    return TextVersion.Text.INTAKE if isinstance(instance, Intake) else TextVersion.Text.PLAN


def _fields(kind: str) -> list[str]:
    return INTAKE_FIELDS if kind == TextVersion.Text.INTAKE else PLAN_FIELDS


def snapshot(instance: Intake | Plan) -> dict:
    """The texts of `instance` as stored now (a plan with its goals), JSON-ready."""
    values = {}
    for name in _fields(text_kind(instance)):
        value = getattr(instance, name)
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    if isinstance(instance, Plan) and instance.pk:
        values[GOALS] = [
            f"{Goal.Domain(goal.domain).label}: {goal.description}"
            for goal in Goal.objects.filter(plan=instance).order_by("pk")
        ]
    return values


def keep_version(instance: Intake | Plan, *, by: User | None, version: int) -> TextVersion:
    """Keep `instance` as it is stored now as `version` (once: a second call changes nothing)."""
    fresh = type(instance).objects.get(pk=instance.pk)
    kept, _created = TextVersion.objects.get_or_create(
        case_id=instance.case_id,
        text=text_kind(instance),
        version=version,
        defaults={"values": snapshot(fresh), "saved_by": by, "saved_at": fresh.updated_at},
    )
    return kept


def versions_of(case_id: int, kind: str):
    return TextVersion.objects.filter(case_id=case_id, text=kind).select_related("saved_by")


def field_label(kind: str, name: str) -> str:
    if name == GOALS:
        return _("Goals")
    model = Intake if kind == TextVersion.Text.INTAKE else Plan
    return str(model._meta.get_field(name).verbose_name).capitalize()


def readable(value) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date_format(datetime.date.fromisoformat(value), "j F Y")
    return str(value)


@dataclass
class Piece:
    kind: str  # "same", "removed", "added"
    text: str


@dataclass
class FieldChange:
    label: str
    pieces: list[Piece]


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def diff_text(old: str, new: str) -> list[Piece]:
    """Word-level difference of two texts as pieces, in reading order."""
    a, b = _words(old), _words(new)
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces


def compare(kind: str, old: TextVersion, new: TextVersion) -> list[FieldChange]:
    """The fields that differ between two versions, each with its pieces."""
    names = _fields(kind) + ([GOALS] if kind == TextVersion.Text.PLAN else [])
    changes = []
    for name in names:
        before, after = readable(old.values.get(name)), readable(new.values.get(name))
        if before != after:
            changes.append(FieldChange(field_label(kind, name), diff_text(before, after)))
    return changes
