# The test OpenID Connect provider on loopback (tests/oidc_provider/server.py).
from tests.oidc_provider.server import oidc_provider  # noqa: F401
