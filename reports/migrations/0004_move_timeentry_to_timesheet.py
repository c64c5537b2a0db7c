"""TimeEntry moves to the timesheet app, rows and all: here it only leaves the reports app's
state. timesheet's 0001_initial, which runs after this, takes the table over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_funding_schedule")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TimeEntry")],
            database_operations=[],
        ),
    ]
