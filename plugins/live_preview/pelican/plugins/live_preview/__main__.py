"""`python -m pelican.plugins.live_preview`: see server.py."""

import sys

from .server import main

sys.exit(main())
