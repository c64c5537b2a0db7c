"""Early destruction on request: a destruction list of one dossier tied to a granted request."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('retention', '0002_append_only_and_due_index'),
        ('rights', '0002_erasure_and_sealed_statement'),
        ('schools', '0002_continuity_school_region'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='destructionlist',
            name='destructionlist_one_proposed',
        ),
        migrations.AddField(
            model_name='destructionlist',
            name='request',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='destruction_list', to='rights.rightsrequest', verbose_name='request'),
        ),
        migrations.AddConstraint(
            model_name='destructionlist',
            constraint=models.UniqueConstraint(condition=models.Q(('request__isnull', True), ('status', 'voorgesteld')), fields=('organisation',), name='destructionlist_one_proposed'),
        ),
        migrations.AddConstraint(
            model_name='destructionlist',
            constraint=models.CheckConstraint(condition=models.Q(('request__isnull', True), models.Q(('decided_by__isnull', False), models.Q(('status', 'voorgesteld'), _negated=True)), _connector='OR'), name='destructionlist_request_decided'),
        ),
    ]
