"""The periodic reports, in django-celery-beat's tables, so a fresh install has the schedule."""

from django.db import migrations

SCHEDULE = [
    # name, task, crontab (minute, hour, day of month, month of year)
    ("SMW: monthly registration", "reports.tasks.monthly_registrations", ("0", "6", "1", "*")),
    ("SMW: rapportage after each term", "reports.tasks.term_rapportages", ("0", "6", "1", "1,4,8")),
]


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, (minute, hour, day, month) in SCHEDULE:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=day,
            month_of_year=month,
            day_of_week="*",
            timezone="Europe/Amsterdam",
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
