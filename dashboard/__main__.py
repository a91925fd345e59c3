"""`python -m dashboard ...`: the command line (DESIGN §10)."""

import sys

from dashboard.cli import main

sys.exit(main())
