import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.conf import settings
from django.db import migrations, models

# One row per request: the single pupil_id becomes a list of every pupil a page showed. The rows
# already written keep their pupil; the append-only trigger is set aside for that one UPDATE, inside
# this migration's transaction, and is back before anyone else can write.
COPY = """
ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_append_only;
UPDATE audit_accesslog SET pupil_ids = ARRAY[pupil_id] WHERE pupil_id IS NOT NULL;
ALTER TABLE audit_accesslog ENABLE TRIGGER audit_accesslog_append_only;
"""

COPY_BACK = """
ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_append_only;
UPDATE audit_accesslog SET pupil_id = pupil_ids[1] WHERE cardinality(pupil_ids) > 0;
ALTER TABLE audit_accesslog ENABLE TRIGGER audit_accesslog_append_only;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_no_truncate"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslog",
            name="pupil_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), blank=True, default=list, verbose_name="pupils"
            ),
        ),
        migrations.RunSQL(COPY, COPY_BACK),
        migrations.RemoveField(model_name="accesslog", name="pupil_id"),
        migrations.AlterField(
            model_name="accesslog",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "viewed"),
                    ("create", "created"),
                    ("change", "changed"),
                    ("export", "exported"),
                    ("print", "printed"),
                    ("refused", "refused"),
                    ("grant", "role changed"),
                    ("glass", "emergency access"),
                ],
                max_length=8,
                verbose_name="action",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["pupil_ids"], name="accesslog_pupil_ids"
            ),
        ),
    ]
