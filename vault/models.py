"""The pupil keys: one random key per pupil, kept only wrapped (encrypted) with the master key.

The dossier's free text is encrypted with its pupil's key (vault/crypto.py, vault/fields.py).
Deleting a pupil's key (`vault.crypto.destroy_pupil_key`) makes that text unreadable for good.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from cases.models import Pupil


class PupilKey(models.Model):
    # Null: the one key of text that belongs to no pupil (an anonymous consultation).
    pupil = models.OneToOneField(
        Pupil, on_delete=models.CASCADE, null=True, related_name="data_key"
    )
    # nonce + AES-GCM(master key, pupil key)
    wrapped = models.BinaryField()
    # The first bytes of the SHA-256 of the master key that wrapped it (rotation: which one).
    master = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil"], nulls_distinct=False, name="one_key_per_pupil_or_anonymous"
            )
        ]

    def __str__(self) -> str:
        return f"key {self.pk} of pupil {self.pupil_id or '—'}"
