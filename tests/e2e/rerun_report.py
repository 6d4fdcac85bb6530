"""Why a rerun story failed the first time, printed at the end of the run (a conftest hook).

pytest-rerunfailures names a rerun in the summary ("RERUN …", "1 rerun") but not its failure, so a
story that flakes once in CI left no trace of its cause. This prints the end of each first failure.
"""

from __future__ import annotations

RERUN_LINES = 30  # the end of a failure's report: the assertion and where it was raised


def pytest_terminal_summary(terminalreporter) -> None:
    reruns = terminalreporter.stats.get("rerun", [])
    if not reruns:
        return
    terminalreporter.section("why stories were rerun")
    for report in reruns:
        terminalreporter.write_line(f"{report.nodeid} ({report.when}) failed first:")
        for line in report.longreprtext.splitlines()[-RERUN_LINES:]:
            terminalreporter.write_line("    " + line)
