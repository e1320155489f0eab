"""The `oidc_provider` fixture: allauth's OpenID Connect provider (tests/oidc_provider) run
by Django's runserver on 127.0.0.1 at a free port, with its own SQLite file and signing key
in a temporary folder, for the whole session; stopped after. Nothing is mocked: the site's
allauth talks to it over HTTP (discovery, authorization with PKCE, token, JWKS, userinfo).

Import the fixture into a test module: `from tests.oidc_provider.server import oidc_provider`.
"""

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    username: str
    password: str
    group: str
    database: Path

    def allow_redirects_to(self, *uris: str) -> None:
        """Register the site's callback address(es) with the client (the live server's
        port is known only once it runs)."""
        with sqlite3.connect(self.database) as db:
            db.execute(
                "UPDATE allauth_idp_oidc_client SET redirect_uris = ? WHERE id = ?",
                ("\n".join(uris), self.client_id),
            )

    def app(self, provider_id: str = "lokal", **rules) -> dict:
        """BYREGION_OIDC_PROVIDERS' entry for this provider."""
        return {
            "id": provider_id,
            "name": "Lokal ID",
            "issuer": self.issuer,
            "client_id": self.client_id,
            "secret": self.client_secret,
            "scope": ["openid", "profile", "email"],
            "token_auth_method": "client_secret_post",
            **rules,
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _private_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    provider = Provider(
        issuer=f"http://127.0.0.1:{port}",
        client_id="byregion-test",
        client_secret=secrets.token_urlsafe(24),
        username="sso-redaktor",
        password=secrets.token_urlsafe(12),
        group="byregion-redaktorar",
        database=folder / "provider.sqlite3",
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "BYREGION_", "DATABASE_URL"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "PYTHONPATH": str(ROOT),
        "OIDC_PROVIDER_SECRET_KEY": secrets.token_urlsafe(40),
        "OIDC_PROVIDER_DB": str(provider.database),
        "OIDC_PROVIDER_PRIVATE_KEY": _private_key(),
        "OIDC_CLIENT_ID": provider.client_id,
        "OIDC_CLIENT_SECRET": provider.client_secret,
        "OIDC_USER": provider.username,
        "OIDC_PASSWORD": provider.password,
        "OIDC_USER_GROUP": provider.group,
    }
    python = sys.executable

    def run(*args):
        subprocess.run([python, *args], env=env, cwd=folder, check=True, capture_output=True)

    run("-m", "django", "migrate", "--noinput")
    run("-m", "tests.oidc_provider.setup")
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [python, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2)
                break
            except requests.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail(
                        f"the test provider did not start: {(folder / 'server.log').read_text()}"
                    )
                time.sleep(0.2)
        yield provider
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
