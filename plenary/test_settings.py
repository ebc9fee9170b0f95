"""Settings for the test suite: the real settings in test mode."""

import os

os.environ["PLENARY_MODE"] = "test"

from plenary.settings import *  # noqa: F403
