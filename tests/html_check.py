"""Pages checked with the W3C Nu HTML checker (npm's vnu-jar, run with the machine's Java;
`make vnu` installs it under var/vnu). The checker is a program of its own: pages are written
to a folder and checked in one run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

VNU_JAR = Path(
    os.environ.get("VNU_JAR", settings.BASE_DIR / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)


class Pages:
    """HTML pages gathered to be checked, each named by the request that gave it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sources: dict[str, str] = {}

    def add(self, request: str, response) -> None:
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        name = f"page-{len(self.sources):04d}.html"
        (self.folder / name).write_bytes(response.content)
        self.sources[name] = request

    def errors(self) -> list[str]:
        """Every error the checker finds, as "request: message (line)"."""
        if not self.sources:
            return []
        return [
            f"{self.sources[Path(message['url']).name]}: {message['message']} "
            f"(line {message.get('lastLine')}: {message.get('extract', '').strip()[:80]!r})"
            for message in check(self.folder)
        ]


def check(folder: Path) -> list[dict]:
    """The checker's errors for the HTML files in `folder`."""
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker (make vnu installs it)"
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `make vnu`"
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [m for m in json.loads(result.stderr)["messages"] if m.get("type") == "error"]
