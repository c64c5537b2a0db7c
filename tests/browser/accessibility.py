"""axe-core scans: a page passes when axe finds nothing of impact "serious" or "critical"."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page) -> list[dict]:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node['html'][:160]}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_accessible(page):
    violations = blocking_violations(page)
    assert not violations, f"{page.url}\n{describe(violations)}"
