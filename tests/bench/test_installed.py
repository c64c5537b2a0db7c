"""The benchmark is installed only under SMW_BENCH, as `make bench` runs it: a normal run, and
so production, has no benchmark code installed and no benchmark page routed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands
from django.urls import NoReverseMatch, get_resolver, reverse


def test_a_normal_run_installs_and_routes_nothing_of_the_benchmark():
    assert not apps.is_installed("bench")
    assert "seed_bench" not in get_commands()
    assert "bench" not in get_resolver().namespace_dict
    with pytest.raises(NoReverseMatch):
        reverse("bench:ping")


def test_smw_bench_installs_the_benchmark_its_command_and_its_page():
    code = (
        "import django; django.setup()\n"
        "from django.apps import apps\n"
        "from django.core.management import get_commands\n"
        "from django.urls import reverse\n"
        "print(apps.is_installed('bench'), get_commands()['seed_bench'], reverse('bench:ping'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=os.environ | {"SMW_BENCH": "true", "DJANGO_SETTINGS_MODULE": "smw.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "bench", "/bench/ping/"]
