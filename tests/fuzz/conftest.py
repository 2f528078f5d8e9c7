"""The fuzz figures of the session: printed at its end (visible with ``-s`` or without xdist) and
written to ``test-artifacts/fuzz-summary-<database>.txt``, one file per database of the CI run."""

from pathlib import Path

import pytest
from django.db import connection

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def summary_line(tally):
    urls = {url_name for url_name, _persona in tally.pages}
    personas = {persona for _url_name, persona in tally.pages}
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(tally.requests.items()))
    return (f"fuzz ({connection.vendor}): {tally.total} requests ({kinds}) in {tally.seconds:.0f} s; "
            f"{len(tally.pages)} pages answered (URL × persona: {len(urls)} URL names × {len(personas)} personas), "
            f"{len(tally.fuzzed)} fuzzed through {tally.targets} targets; "
            f"{len(tally.failures)} answers of 500 or more")


@pytest.fixture(scope="session")
def fuzz_summary(request):
    lines = []
    yield lines
    if not lines:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"fuzz-summary-{connection.vendor}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        for line in lines:
            reporter.write_line(line)
