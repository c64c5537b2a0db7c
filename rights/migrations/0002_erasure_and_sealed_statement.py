"""Requests for destruction (the ground of a refusal, who put it forward) and the own statement
sealed with the pupil's key (vault.fields); the statements already there are sealed here."""

import django.db.models.deletion
import vault.fields
from django.conf import settings
from django.db import migrations, models


def seal(apps, schema_editor):
    from vault.existing import seal_existing

    seal_existing(apps, apps.get_model("vault", "PupilKey"), only={"rights.OwnStatement"})


def unseal(apps, schema_editor):
    from vault.existing import open_existing

    open_existing(apps, apps.get_model("vault", "PupilKey"), only={"rights.OwnStatement"})


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('vault', '0002_seal_existing_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='rightsrequest',
            name='refusal_ground',
            field=models.CharField(blank=True, choices=[('belang_ander', 'A substantial interest of another person'), ('wettelijke_plicht', 'A legal duty to keep it (for example a legal hold)')], max_length=20, verbose_name='ground for the refusal'),
        ),
        migrations.AddField(
            model_name='rightsrequest',
            name='submitted_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='ownstatement',
            name='text',
            field=vault.fields.EncryptedTextField(max_length=8000, pupil='pupil_id', verbose_name='own statement'),
        ),
        migrations.RunPython(seal, unseal, elidable=True),
    ]
