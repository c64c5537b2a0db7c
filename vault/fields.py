"""Model fields whose text is sealed with the pupil's key in the database, plain in Python.

    summary = EncryptedTextField(_("summary"), max_length=4000, pupil="case.pupil_id")

`pupil` is the path from the instance to its pupil's id (None: the anonymous key). Code reads
and writes `contact.summary` as a str, forms and `save()` work as before. The database holds
`smw1:…` (vault/crypto.py); "" stays "" (so `filter(work_note="")` still works).

What does not go through `save()` must seal itself: `QuerySet.update()`/`bulk_update()` with
plain text are refused (`sealed_value(instance, name)` gives the value to write), and
`.values()`/`.values_list()` give the sealed value (`vault.crypto.reveal` opens it). Searching
the text in SQL is impossible by design: a lookup other than `=""`/`isnull` is refused.
"""

from __future__ import annotations

from django.db import models
from django.db.models.lookups import Exact, IsNull
from django.db.models.query_utils import DeferredAttribute

from vault import crypto


class Sealed(str):
    """Text as it came from the database: still sealed."""

    __slots__ = ()


class SealedAttribute(DeferredAttribute):
    """Opens the sealed value on first access and keeps the text on the instance."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        data = instance.__dict__
        name = self.field.attname
        if name not in data:
            super().__get__(instance, cls)  # a deferred field: loads it
        value = data[name]
        if isinstance(value, Sealed):
            try:
                value = data[name] = crypto.open_sealed(value)
            except crypto.KeyDestroyed:
                return ""  # the dossier was destroyed; the sealed value stays as it was
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class SealedExact(Exact):
    def get_prep_lookup(self):
        if self.rhs not in ("", None) and not crypto.is_sealed(self.rhs):
            raise TypeError(
                f"{self.lhs.target.model.__name__}.{self.lhs.target.name} is encrypted: "
                "it can only be compared with the empty string."
            )
        return super().get_prep_lookup()


class EncryptedMixin:
    descriptor_class = SealedAttribute

    def __init__(self, *args, pupil: str = "case.pupil_id", **kwargs):
        self.pupil_path = pupil
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.pupil_path != "case.pupil_id":
            kwargs["pupil"] = self.pupil_path
        return name, path, args, kwargs

    def db_type(self, connection):
        return "text"

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return SealedExact
        if lookup_name == "isnull":
            return IsNull
        return None

    def get_transform(self, name):
        return None

    def pupil_of(self, instance) -> int | None:
        value = instance
        for part in self.pupil_path.split("."):
            value = getattr(value, part)
            if value is None:
                return None
        return value

    def from_db_value(self, value, expression, connection):
        if value and value.startswith(crypto.PREFIX):
            crypto.note_sealed(value)
            return Sealed(value)
        return value

    def pre_save(self, model_instance, add):
        value = model_instance.__dict__.get(self.attname)
        if value is None or isinstance(value, Sealed) or not value:
            return None if value is None else str(value)
        return crypto.seal(str(value), self.pupil_of(model_instance))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value and not crypto.is_sealed(value):
            raise TypeError(
                f"{self.model.__name__}.{self.name} is encrypted: save it with save(), or "
                "write vault.fields.sealed_value(instance, name) with update()."
            )
        return value if value is None else str(value)


class EncryptedTextField(EncryptedMixin, models.TextField):
    """A TextField sealed with the pupil's key."""


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A CharField (one-line input, max_length checked) sealed with the pupil's key; the column
    is text, since the sealed value is longer than the text."""


def sealed_value(instance, name: str):
    """What `save()` would write for field `name` of `instance` (sealed for an encrypted field),
    for code that writes with `QuerySet.update()`."""
    return instance._meta.get_field(name).pre_save(instance, False)


def encrypted_fields(model) -> list[EncryptedMixin]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
