"""A clamd of the tests' own: Debian's clamav-daemon binary, started with a configuration and a
signature database in a temporary folder, listening on a Unix socket there.

The database holds one signature, the EICAR test file's MD5 (a .hdb file), so clamd starts in
a second without the network that freshclam would need, and finds exactly the EICAR file. The
tests that scan are never skipped: without the binary they fail and say how to install it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

# The EICAR anti-virus test file (eicar.org): harmless, and found by every virus scanner.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_SIGNATURE = "44d88612fea8a8f36de82e1278abb02f:68:SMW.Test.EICAR\n"

MISSING = (
    "clamd is not installed, and the virus-scan tests need a real one: install Debian's "
    "clamav-daemon (`make clamav` does it as root, or `sudo apt-get install clamav-daemon`)."
)


def clamd_binary() -> str:
    found = shutil.which("clamd") or next(
        (str(path) for path in (Path("/usr/sbin/clamd"), Path("/usr/bin/clamd")) if path.exists()),
        None,
    )
    if found is None:
        pytest.fail(MISSING, pytrace=False)
    return found


def start_clamd(folder: Path) -> tuple[subprocess.Popen, Path]:
    """clamd in the foreground, its socket in `folder`; waits until it answers."""
    database = folder / "db"
    database.mkdir()
    (database / "smw-test.hdb").write_text(EICAR_SIGNATURE)
    socket = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket}\n"
        f"DatabaseDirectory {database}\n"
        "Foreground yes\n"
        f"LogFile {folder / 'clamd.log'}\n"
        "StreamMaxLength 25M\n"
        "MaxThreads 2\n"
    )
    process = subprocess.Popen(
        [clamd_binary(), "--config-file", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = (folder / "clamd.log").read_text() if (folder / "clamd.log").exists() else ""
            pytest.fail(f"clamd did not start:\n{log}", pytrace=False)
        time.sleep(0.1)
    return process, socket
