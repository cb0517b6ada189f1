"""The `marsad` command line: a thin layer that parses arguments and calls the services."""

from marsad.cli.main import main

__all__ = ["main"]
