"""``victimshield`` as its console script runs it, for ``chat_speed`` to time (and profile) as a file."""

import sys

from victimshield.cli import main

if __name__ == "__main__":
    sys.exit(main())
