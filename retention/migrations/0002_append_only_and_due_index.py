from django.db import migrations

# The destruction records may only grow, as the access log: the trigger refuses UPDATE, DELETE
# and TRUNCATE to everyone who connects as the application (and to the owner at a psql prompt,
# unless they first drop it). The app role may not even try (audit/privileges.py).
APPEND_ONLY = """
CREATE OR REPLACE FUNCTION retention_destructionrecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'retention_destructionrecord is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER retention_destructionrecord_append_only
    BEFORE UPDATE OR DELETE ON retention_destructionrecord
    FOR EACH ROW EXECUTE FUNCTION retention_destructionrecord_append_only();

CREATE TRIGGER retention_destructionrecord_no_truncate
    BEFORE TRUNCATE ON retention_destructionrecord
    FOR EACH STATEMENT EXECUTE FUNCTION retention_destructionrecord_append_only();
"""

NOT_APPEND_ONLY = """
DROP TRIGGER IF EXISTS retention_destructionrecord_no_truncate ON retention_destructionrecord;
DROP TRIGGER IF EXISTS retention_destructionrecord_append_only ON retention_destructionrecord;
DROP FUNCTION IF EXISTS retention_destructionrecord_append_only();
"""

# The daily job's candidates (retention.terms.due_dossiers): closed cases by closing date. Only
# closed cases, so the index stays small next to the open caseload it never reads.
DUE_INDEX = """
CREATE INDEX IF NOT EXISTS retention_case_closed_on
    ON cases_case (closed_on, pupil_id) WHERE stage = 'closed';
"""
NO_DUE_INDEX = "DROP INDEX IF EXISTS retention_case_closed_on;"


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial"), ("cases", "0008_meldcode_event")]

    operations = [
        migrations.RunSQL(APPEND_ONLY, NOT_APPEND_ONLY),
        migrations.RunSQL(DUE_INDEX, NO_DUE_INDEX),
    ]
