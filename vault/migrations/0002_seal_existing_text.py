"""Seal the dossier text written before it was encrypted (vault.existing)."""

from django.db import migrations


def seal(apps, schema_editor):
    from vault.existing import seal_existing

    seal_existing(apps, apps.get_model("vault", "PupilKey"))


def unseal(apps, schema_editor):
    from vault.existing import open_existing

    open_existing(apps, apps.get_model("vault", "PupilKey"))


class Migration(migrations.Migration):
    dependencies = [
        ("vault", "0001_pupil_keys"),
        ("cases", "0009_encrypted_text"),
        ("meldcode", "0002_encrypted_text"),
        ("referrals", "0003_encrypted_text"),
    ]

    operations = [migrations.RunPython(seal, unseal, elidable=True)]
