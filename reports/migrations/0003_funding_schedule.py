"""Quarterly funding reports for every municipality, in django-celery-beat's tables."""

from django.db import migrations

NAME = "SMW: quarterly funding report"


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="6",
        day_of_month="1",
        month_of_year="1,4,7,10",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=NAME,
        defaults={"task": "reports.tasks.quarterly_funding", "crontab": crontab, "enabled": True},
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_beat_schedule")]

    operations = [migrations.RunPython(create, remove)]
