"""Snippet for tests/conftest.py (not collected by pytest; copy what you need).

tests/test_gate_tools.py only uses pytest-playwright's session ``playwright``
fixture plus ``support.gates.launch_chromium`` and needs none of this.  To use
pytest-playwright's own ``browser`` / ``context`` / ``page`` fixtures instead,
make them launch Debian's chromium (never ``playwright install``):
"""

import pytest

from support import gates


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not gates.CHROMIUM_PATH.is_file():
        raise gates.GateToolMissing(f"{gates.CHROMIUM_PATH} is missing: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": str(gates.CHROMIUM_PATH),
            "args": list(gates.CHROMIUM_ARGS), "headless": True}
