"""The console script's entry: `claimcheck --version` answers before click and the package are imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"claimcheck {__version__}")
        return
    from .cli import main as cli

    cli()
