"""``python -m btfkit``: a launcher for the command line (btfkit_cli)."""

import importlib
import sys

sys.exit(importlib.import_module("btfkit_cli.main").main())
