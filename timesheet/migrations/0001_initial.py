"""TimeEntry, moved here from the reports app with its rows (reports 0004 lets it go).

The table reports_timeentry becomes timesheet_timeentry, and everything named after it gets the
name Django gives a new timesheet_timeentry; the indexes with names of their own
(timeentry_worker_on, timeentry_school_on) keep them. The content type moves along, so the
model's permissions stay attached to it.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = ("reports_timeentry", "timesheet_timeentry")
RENAMES = [  # what is named after the table: kind, old name, new name
    ("SEQUENCE", "reports_timeentry_id_seq", "timesheet_timeentry_id_seq"),
    ("CONSTRAINT", "reports_timeentry_pkey", "timesheet_timeentry_pkey"),
    ("CONSTRAINT", "reports_timeentry_minutes_check", "timesheet_timeentry_minutes_check"),
    (
        "CONSTRAINT",
        "reports_timeentry_worker_id_e368df96_fk_accounts_user_id",
        "timesheet_timeentry_worker_id_e4c0a56b_fk_accounts_user_id",
    ),
    (
        "CONSTRAINT",
        "reports_timeentry_school_id_81cd4195_fk_schools_school_id",
        "timesheet_timeentry_school_id_954deb22_fk_schools_school_id",
    ),
    (
        "CONSTRAINT",
        "reports_timeentry_case_id_59c7a348_fk_cases_case_id",
        "timesheet_timeentry_case_id_2ab20c98_fk_cases_case_id",
    ),
    ("INDEX", "reports_timeentry_worker_id_e368df96", "timesheet_timeentry_worker_id_e4c0a56b"),
    ("INDEX", "reports_timeentry_school_id_81cd4195", "timesheet_timeentry_school_id_954deb22"),
    ("INDEX", "reports_timeentry_case_id_59c7a348", "timesheet_timeentry_case_id_2ab20c98"),
]


def rename(table, renames):
    """The table first, then everything named after it."""
    old_table, new_table = table
    statements = [f'ALTER TABLE "{old_table}" RENAME TO "{new_table}"']
    for kind, old, new in renames:
        if kind == "CONSTRAINT":
            statements.append(f'ALTER TABLE "{new_table}" RENAME CONSTRAINT "{old}" TO "{new}"')
        else:
            statements.append(f'ALTER {kind} "{old}" RENAME TO "{new}"')
    return statements


def move_content_type(apps, schema_editor, source="reports", target="timesheet"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    # A fresh database has none yet: post_migrate makes timesheet's once migrate is done.
    if not content_types.filter(app_label=target, model="timeentry").exists():
        content_types.filter(app_label=source, model="timeentry").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="timesheet", target="reports")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('reports', '0004_move_timeentry_to_timesheet'),
        ('cases', '0005_search_indexes'),
        ('schools', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=rename(TABLE, RENAMES),
                    reverse_sql=rename(TABLE[::-1], [(k, new, old) for k, old, new in RENAMES]),
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='TimeEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('on', models.DateField(verbose_name='date')),
                        ('minutes', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(600)], verbose_name='minutes')),
                        ('activity', models.CharField(choices=[('consultatie', 'Consultation'), ('zat', 'ZAT'), ('overleg', 'Meeting (overleg)'), ('deskundigheid', 'Training teachers (deskundigheidsbevordering)'), ('administratie', 'Administration and reporting'), ('reistijd', 'Travel'), ('overig', 'Other')], max_length=16, verbose_name='activity')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='time_entries', to='cases.case', verbose_name='case (optional)')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='time_entries', to='schools.school', verbose_name='school')),
                        ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='time_entries', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'time entry',
                        'verbose_name_plural': 'time entries',
                        'ordering': ['-on', '-pk'],
                        'indexes': [models.Index(fields=['worker', 'on'], name='timeentry_worker_on'), models.Index(fields=['school', 'on'], name='timeentry_school_on')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
