"""Small helpers the tests share."""

from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.stages.actors import ActorNameFinder
from marsad.stages.places import PlaceFinder, PlaceSettler
from marsad.stages.quantities import QuantityFinder
from marsad.stages.text import TextAnalyser


def run_places(finder: PlaceFinder, doc: Document) -> Document:
    """The stages up to `places`, with a place finder of the test's own (a fixture gazetteer)."""
    return Pipeline([TextAnalyser(), QuantityFinder(), finder, ActorNameFinder(), PlaceSettler()])(doc)


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """Run the `marsad` command in-process: (exit code, stdout, stderr)."""
    from marsad.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
