"""Reports what the property-based API tests ran, in the test summary."""

FUZZ_RESULTS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in FUZZ_RESULTS:
        terminalreporter.write_line(line)
