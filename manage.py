#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smw.settings")
    from smw.database import use_embedded_unless_set

    # Without DATABASE_URL, outside production: the demo's embedded PostgreSQL under var/.
    use_embedded_unless_set()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
