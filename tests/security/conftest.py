# The test OpenID Connect provider on loopback (tests/oidc_provider/server.py).
from tests.oidc_provider.server import oidc_provider  # noqa: F401

# The registration tests' fixtures: applicants' data, their role categories and regions.
from tests.registrations.conftest import applicant, regions, roles  # noqa: F401
