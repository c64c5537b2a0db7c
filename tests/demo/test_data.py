"""The demo's data files (demo/data/*.toml): found wherever the program starts, and consistent
with each other, so `seed_demo` never meets a scenario, school or pupil that is not there."""

from __future__ import annotations

from demo.cases import CONSULTATIONS, DEMO_BRINS, SCENARIOS, SPECS, WORKERS
from demo.data import read


def test_the_data_files_are_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    assert len(read("pupils")["pupil"]) == len(SPECS)


def test_every_pupil_has_a_known_scenario_at_a_demo_school():
    assert {spec.scenario for spec in SPECS} <= set(SCENARIOS)
    assert {spec.brin for spec in SPECS} == set(DEMO_BRINS)
    assert len({spec.key for spec in SPECS}) == len(SPECS)


def test_every_consultation_is_about_a_demo_pupil_of_its_own_worker():
    pupils = {spec.key: spec for spec in SPECS}
    for brin, worker, key, *_texts in CONSULTATIONS:
        assert WORKERS[brin] == worker
        if key is not None:
            assert pupils[key].brin == brin
