"""`python -m reader`: the same as the `reader` command."""

import sys

from reader.app import main

sys.exit(main())
