from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_report_run_sent_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportrun",
            name="worker_node",
            field=models.CharField(blank=True, db_default="", max_length=255),
        ),
        migrations.AddField(
            model_name="reportrun",
            name="worker_pid",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
    ]
