"""A document's description and file name are sealed with the pupil's key (vault.fields);
the rows already there are sealed here (vault.existing), and opened again on the way back."""

import vault.fields
from django.db import migrations


def seal(apps, schema_editor):
    from vault.existing import seal_existing

    seal_existing(apps, apps.get_model("vault", "PupilKey"), only={"documents.CaseDocument"})


def unseal(apps, schema_editor):
    from vault.existing import open_existing

    open_existing(apps, apps.get_model("vault", "PupilKey"), only={"documents.CaseDocument"})


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
        ('vault', '0002_seal_existing_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='casedocument',
            name='original_name',
            field=vault.fields.EncryptedCharField(max_length=200, verbose_name='file name'),
        ),
        migrations.AlterField(
            model_name='casedocument',
            name='title',
            field=vault.fields.EncryptedCharField(help_text='For example: consent form signed by both parents.', max_length=200, verbose_name='description'),
        ),
        migrations.RunPython(seal, unseal, elidable=True),
    ]
