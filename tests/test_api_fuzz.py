"""A schemathesis run over /openapi.json, in-process: no generated request gets a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from api_corpus import build_db
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from dateline.api import create_app

_DB = build_db(Path(tempfile.mkdtemp(prefix="dateline-fuzz-")) / "corpus.db")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(_DB)))


@schema.parametrize()
@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_request_gets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
