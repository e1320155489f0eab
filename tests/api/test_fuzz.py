"""Fuzzing the API from its own OpenAPI description: whatever the parameters, never a 5xx.

Schemathesis generates requests from the schema (valid and invalid values for every
parameter); they are sent through Django's test client against the demo content.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from byregion.api.api import api

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_makes_the_api_fail(case, demo_content, client, settings):
    settings.BYREGION_API_RATE = "100000/m"
    response = client.get(case.formatted_path, case.query or {})
    assert response.status_code < 500, (case.formatted_path, case.query, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
