"""The demo: `manage.py seed_demo` fills an empty database with a believable SMW organisation,
its people and their work, through the same functions a person's click calls.

people.py makes the organisation, schools, logins and assignments; cases.py the caseload (from
data/pupils.toml and data/scenarios.toml); referrals.py the sociale kaart and referrals;
zat.py the ZAT meetings; timesheet.py the registered hours."""
