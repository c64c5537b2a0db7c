from django.db import migrations

# TRUNCATE fires no row trigger: a statement trigger refuses it, with the same function as UPDATE
# and DELETE. The app role may not TRUNCATE at all; this stops the owner's flush too.
FORWARD = """
CREATE TRIGGER audit_accesslog_no_truncate
    BEFORE TRUNCATE ON audit_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION audit_accesslog_append_only();
"""

BACKWARD = "DROP TRIGGER IF EXISTS audit_accesslog_no_truncate ON audit_accesslog;"


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
