# The same for both languages: see config/formats/__init__.py.
from config.formats.common import *  # noqa: F403
