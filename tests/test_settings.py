"""Settings come from the environment; production settings pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys

import pytest


def byregion(*args: str, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests; check --deploy warns about it.
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "byregion", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# What production sets, at the least.
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "false",
    "ALLOWED_HOSTS": "byregion.example",
    "SITE_URL": "https://byregion.example",
    "EMAIL_HOST": "smtp.byregion.example",
}


def test_production_settings_pass_the_deploy_checks_without_warnings(tmp_path):
    result = byregion(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        BYREGION_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_collects_its_static_files(tmp_path):
    """Hashed, compressed static files: every file a stylesheet or script refers to exists."""
    result = byregion(
        "collectstatic",
        "--noinput",
        **PRODUCTION,
        BYREGION_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert any(tmp_path.rglob("staticfiles.json"))


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://u:p@db.example:5432/byregion", "django.db.backends.postgresql"),
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_url_selects_the_database(tmp_path, url, engine):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = byregion("shell", "-c", code, DATABASE_URL=url, BYREGION_DATA_DIR=str(tmp_path))
    assert result.stdout.strip().endswith(engine), result.stderr


def test_without_settings_it_runs_on_sqlite_in_the_data_folder(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = byregion("shell", "-c", code, BYREGION_DATA_DIR=str(tmp_path))
    assert result.stdout.strip().endswith(str(tmp_path / "byregion.sqlite3")), result.stderr


@pytest.mark.parametrize(
    ("missing", "changed", "message"),
    [
        ("SECRET_KEY", {}, "SECRET_KEY"),
        ("EMAIL_HOST", {}, "EMAIL_HOST"),
        ("SITE_URL", {}, "SITE_URL"),
        (None, {"SITE_URL": "http://byregion.example"}, "SITE_URL"),
    ],
)
@pytest.mark.parametrize("command", ["check", "serve"])
def test_production_refuses_to_start_without_what_it_needs(
    tmp_path, command, missing, changed, message
):
    """Issue 13, low finding: with DEBUG off and no EMAIL_HOST, mail with personal links went
    to the console; without SECRET_KEY the fixed local key signed them; a plain-http
    SITE_URL put personal links on http. Each now stops the site from starting."""
    env = {**PRODUCTION, **changed, "BYREGION_DATA_DIR": str(tmp_path)}
    if missing:
        del env[missing]
    args = ["--bind", "127.0.0.1:0"] if command == "serve" else []
    result = byregion(command, *args, **env)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]


def test_production_on_loopback_may_use_plain_http(tmp_path):
    """The benchmarks and tests run production's settings on loopback without TLS."""
    env = {**PRODUCTION, "SITE_URL": "http://127.0.0.1:8000", "BYREGION_DATA_DIR": str(tmp_path)}
    result = byregion("check", **env)
    assert result.returncode == 0, result.stderr
