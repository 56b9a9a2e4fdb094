import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_terminal_summary(terminalreporter):
    """Prints the corpus scores (reader equivalence, conversion) where CI logs show them."""
    for name in ("test_reader_vs_compose", "test_convert_schema"):
        module = sys.modules.get(name)
        line = getattr(module, "SUMMARY", None) if module else None
        if line:
            terminalreporter.write_line(line)
