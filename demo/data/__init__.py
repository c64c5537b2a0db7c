"""The demo's pupils and texts as data: the TOML files in this folder, read with the standard
library. Found next to this module, wherever the program was started from."""

from __future__ import annotations

import tomllib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def read(name: str) -> dict:
    """The contents of demo/data/<name>.toml."""
    with (FOLDER / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
