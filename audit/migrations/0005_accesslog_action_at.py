from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_pupil_ids")]

    operations = [
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["action", "-at"], name="accesslog_action_at"),
        ),
    ]
