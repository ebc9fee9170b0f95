"""What the fault and property-based tests ran, shown in the test summary."""

REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in REPORT:
        terminalreporter.write_line(line)
