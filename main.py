"""Starts Reader from a source checkout: `python main.py [--library PATH] [FILES…]`."""

import sys

from reader.app import main

if __name__ == "__main__":
    sys.exit(main())
