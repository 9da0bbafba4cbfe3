"""`python -m dashboard.validate [DATA_DIR]`: check a data folder (see dashboard.validate.cli)."""

import sys

from dashboard.validate.cli import main

sys.exit(main())
