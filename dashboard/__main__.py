"""`python -m dashboard ...`: the command line (docs/DESIGN.md §10)."""

import sys

from dashboard.cli import main

sys.exit(main())
