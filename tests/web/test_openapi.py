"""Property-based run over the OpenAPI spec (schemathesis): no 500s, every answer matches the spec."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from marsad.pipeline import Pipeline  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.security import Settings  # noqa: E402
from tests.web.conftest import ingest  # noqa: E402


def _app(tmp_path_factory):
    db = tmp_path_factory.mktemp("openapi") / "desk.db"
    pipeline = Pipeline.default()
    ingest(db, pipeline)
    app = create_app(Settings(db=str(db), extra_hosts=["testserver"]))
    app.state.pipeline = pipeline
    return app


def test_api_matches_its_spec(tmp_path_factory):
    """Every operation with a few generated requests each (bounded: about a minute at most)."""
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/openapi.json", _app(tmp_path_factory))
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case):
            # The spec cannot say everything (an ACLED sub-type of the right type, a bbox with south <= north),
            # so a schema-valid request may get a clear 422: that is not a failure; a 500 or a bad answer is.
            case.call_and_validate(excluded_checks=[checks.positive_data_acceptance])

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
