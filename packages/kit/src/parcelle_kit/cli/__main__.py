"""``python -m parcelle_kit.cli``: how ``parcelle up`` starts its children."""

import sys

from parcelle_kit.cli import main

sys.exit(main())
