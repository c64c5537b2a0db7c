"""Rotate the master key of the dossier text (docs/operations.md, "Key rotation").

    SMW_DATA_KEY=<new> SMW_DATA_KEY_OLD=<old> python manage.py rotate_data_key [--reencrypt]

Every pupil key still wrapped with another master key is unwrapped (with SMW_DATA_KEY_OLD) and
wrapped again with SMW_DATA_KEY; the text itself is untouched, so the web processes keep
working during it. With --reencrypt every pupil also gets a new key and all its text is sealed
again with it (one transaction; run it with the web processes and workers stopped).
`--new` prints a fresh master key and changes nothing.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vault import crypto, existing
from vault.models import PupilKey


class Command(BaseCommand):
    help = "Wrap every pupil key with SMW_DATA_KEY (the previous master key: SMW_DATA_KEY_OLD)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reencrypt",
            action="store_true",
            help="also give every pupil a new key and seal all its text again",
        )
        parser.add_argument(
            "--new", action="store_true", help="print a fresh master key and change nothing"
        )

    def handle(self, *args, reencrypt: bool = False, new: bool = False, **options):
        if new:
            self.stdout.write(crypto.new_master_key())
            return
        current, old = crypto.master_keys()
        if old is not None and old == current:
            raise CommandError("SMW_DATA_KEY_OLD is the same key as SMW_DATA_KEY.")
        with transaction.atomic():
            if reencrypt:
                rewrapped, resealed = self.reencrypt(current)
            else:
                rewrapped, resealed = self.rewrap(current), 0
        crypto.forget_cached_keys()
        self.stdout.write(
            f"Pupil keys wrapped with the new master key: {rewrapped}; "
            f"rows sealed again: {resealed}. Remove SMW_DATA_KEY_OLD once every process runs "
            "with the new SMW_DATA_KEY."
        )

    def rewrap(self, current: bytes) -> int:
        now = crypto.fingerprint(current)
        count = 0
        for key in PupilKey.objects.exclude(master=now).select_for_update().iterator():
            plain = self.unwrap(key)
            key.wrapped, key.master = crypto.wrap(plain, current), now
            key.save(update_fields=["wrapped", "master"])
            count += 1
        return count

    def reencrypt(self, current: bytes) -> tuple[int, int]:
        """New keys for every key row (same ids), and every sealed text sealed again."""
        now = crypto.fingerprint(current)
        keys = list(PupilKey.objects.select_for_update().order_by("pk"))
        old_ciphers, new_ciphers = {}, {}
        for key in keys:
            old_ciphers[key.pk] = AESGCM(self.unwrap(key))
            plain = AESGCM.generate_key(bit_length=256)
            new_ciphers[key.pk] = AESGCM(plain)
            key.wrapped, key.master = crypto.wrap(plain, current), now
        # the texts first, read with the old keys (kept in this process's cache meanwhile)
        crypto.forget_cached_keys()
        for key_id, cipher in old_ciphers.items():
            crypto._cache.ciphers[key_id] = (cipher, float("inf"))

        def change(value, pupil, _keys):
            if not crypto.is_sealed(value):
                return None
            key_id = crypto.key_id_of(value)
            return crypto.seal_with(crypto.open_sealed(value), key_id, new_ciphers[key_id])

        try:
            resealed = existing.rewrite(change)
        finally:
            crypto.forget_cached_keys()
        PupilKey.objects.bulk_update(keys, ["wrapped", "master"], batch_size=1000)
        return len(keys), resealed

    def unwrap(self, key: PupilKey) -> bytes:
        try:
            return crypto.unwrap_row(key.wrapped, key.master)
        except Exception as error:
            raise CommandError(
                f"Pupil key {key.pk} does not open with SMW_DATA_KEY or SMW_DATA_KEY_OLD: {error}"
            ) from error
