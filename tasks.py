#!/usr/bin/env python3
"""Set up and run Byregion from a fresh clone, with nothing but Python 3.11+, pip and npm.

    python3 tasks.py demo     set up, then serve the site with demo content on SQLite
    python3 tasks.py test     set up, then run the whole test suite (lint, the floors, migrations,
                              pytest)
    python3 tasks.py setup    only set up (virtual environment, npm packages, static assets)
    python3 tasks.py assets   copy the front-end packages into the site's static files
    python3 tasks.py lock     re-resolve requirements/*.lock from pyproject.toml

Set-up is incremental: the virtual environment (.venv) and node_modules are installed from
the lock files and reinstalled only when a lock file changes. Only the standard library is
used here, since nothing else is installed when this runs for the first time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
LOCKS = {"prod": ROOT / "requirements" / "prod.lock", "dev": ROOT / "requirements" / "dev.lock"}
# pip and setuptools themselves, pinned with hashes and installed first: the venv module
# ships the ones that came with this Python, which may have known vulnerabilities.
BOOTSTRAP = ROOT / "requirements" / "bootstrap.lock"
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "byregion" / "site" / "static" / "vendor"
FONT_WEIGHTS = (400, 500, 600, 700)
FONT_SUBSETS = ("latin", "latin-ext")  # latin-ext carries the Sámi letters (á č đ ŋ š ŧ ž)


def say(message: str) -> None:
    print(f"tasks: {message}", flush=True)


def run(*args: object, **kwargs) -> None:
    command = [str(a) for a in args]
    if subprocess.run(command, cwd=ROOT, **kwargs).returncode != 0:
        sys.exit(f"tasks: failed: {' '.join(command)}")


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()


def ensure_python(flavour: str) -> None:
    """A virtual environment holding exactly the locked packages of `flavour`."""
    if sys.version_info < (3, 11):  # noqa: UP036 (this file runs before any check)
        sys.exit("tasks: Byregion needs Python 3.11 or newer; run this with python3.11+.")
    if not PYTHON.exists():
        say(f"creating the virtual environment in {VENV.name}/")
        run(sys.executable, "-m", "venv", VENV)
    wanted = digest(BOOTSTRAP, LOCKS[flavour], ROOT / "pyproject.toml")
    stamp = VENV / f".installed-{flavour}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    pip = [PYTHON, "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
    say(f"upgrading pip and setuptools from {BOOTSTRAP.relative_to(ROOT)}")
    run(*pip, "--require-hashes", "-r", BOOTSTRAP)
    say(f"installing Python packages from {LOCKS[flavour].relative_to(ROOT)}")
    run(*pip, "--require-hashes", "-r", LOCKS[flavour])
    run(*pip, "--no-deps", "-e", ROOT)
    stamp.write_text(wanted)


def ensure_node() -> None:
    lock = ROOT / "package-lock.json"
    stamp = NODE_MODULES / ".byregion-installed"
    wanted = digest(lock)
    if not (stamp.exists() and stamp.read_text() == wanted):
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("tasks: npm is needed for the design system's CSS; install Node 20 with npm.")
        say("installing front-end packages from package-lock.json")
        run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
        stamp.write_text(wanted)
    copy_assets()


def copy_assets() -> None:
    """Copy what the site serves from node_modules into its static files (self-hosted)."""
    ds_css = NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"
    ds_web = NODE_MODULES / "@digdir" / "designsystemet-web" / "dist" / "umd" / "index.js"
    inter = NODE_MODULES / "@fontsource" / "inter"
    axe = NODE_MODULES / "axe-core" / "axe.min.js"
    copies = {
        ds_css / "src" / "index.css": VENDOR / "designsystemet" / "designsystemet.css",
        ds_css / "theme" / "designsystemet.css": VENDOR / "designsystemet" / "theme.css",
        ds_web: VENDOR / "designsystemet" / "designsystemet-web.js",
        # The script names its source map "index.js.map"; the hashed static files storage
        # follows that reference, so the map must sit beside it.
        ds_web.with_name("index.js.map"): VENDOR / "designsystemet" / "index.js.map",
        axe: ROOT / "tests" / "browser" / "axe.min.js",
    }
    font_faces = []
    for weight in FONT_WEIGHTS:
        for subset in FONT_SUBSETS:
            font = f"inter-{subset}-{weight}-normal.woff2"
            copies[inter / "files" / font] = VENDOR / "inter" / font
            css = (inter / f"{subset}-{weight}.css").read_text(encoding="utf-8")
            # Serve only woff2 (every supported browser reads it) from beside the CSS.
            css = css.replace("./files/", "./").replace(
                f", url(./inter-{subset}-{weight}-normal.woff) format('woff')", ""
            )
            font_faces.append(css)
    for source, target in copies.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
    fonts_css = VENDOR / "inter" / "inter.css"
    text = "\n".join(font_faces)
    if not fonts_css.exists() or fonts_css.read_text(encoding="utf-8") != text:
        fonts_css.write_text(text, encoding="utf-8")


def ensure_chromium() -> None:
    """Browser tests drive Debian's Chromium; install it where we may (root, apt)."""
    if Path("/usr/bin/chromium").exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "chromium", env=env, stdout=subprocess.DEVNULL)
    else:
        say("no /usr/bin/chromium and no root to install it: browser tests will be skipped")


def setup(flavour: str) -> None:
    if flavour not in LOCKS:
        sys.exit(f"tasks: setup takes one of {', '.join(LOCKS)}, not {flavour!r}")
    ensure_python(flavour)
    ensure_node()


def byregion(*args: str) -> None:
    os.execv(BIN / "byregion", [str(BIN / "byregion"), *args])


def demo(args: list[str]) -> None:
    setup("prod")
    byregion("demo", *args)


def test(args: list[str]) -> None:
    setup("dev")
    ensure_chromium()
    say("ruff")
    run(BIN / "ruff", "check", "src", "tests", "bench", "tasks.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "bench", "tasks.py")
    say("the floors: no app imports one above it (pyproject.toml, [tool.importlinter])")
    run(BIN / "lint-imports", "--no-cache")
    say("migrations are up to date with the models")
    run(BIN / "byregion", "makemigrations", "--check", "--dry-run", "--no-input", "-v", "0")
    database = os.environ.get("DATABASE_URL", "sqlite (embedded default)").split("@")[-1]
    say(f"pytest on {database}")
    result = subprocess.run([str(BIN / "pytest"), *args], cwd=ROOT)
    if result.returncode == 5:
        sys.exit("tasks: pytest collected no tests; that is a failure here, not a pass.")
    sys.exit(result.returncode)


def lock(_args: list[str]) -> None:
    """Re-resolve the lock files; needs the network to the package index."""
    tools = ROOT / ".venv-lock"
    if not (tools / "bin" / "pip-compile").exists():
        run(sys.executable, "-m", "venv", tools)
        run(tools / "bin" / "pip", "install", "--quiet", "pip-tools")
    common = ["--quiet", "--generate-hashes", "--strip-extras", "--no-emit-index-url"]
    common += ["--no-emit-find-links", "--upgrade"]
    compile_ = tools / "bin" / "pip-compile"
    bootstrap_in = BOOTSTRAP.with_suffix(".in")
    run(compile_, *common, "--allow-unsafe", "--output-file", BOOTSTRAP, bootstrap_in)
    run(compile_, *common, "--output-file", "requirements/prod.lock", "pyproject.toml")
    run(compile_, *common, "--extra", "dev", "--constraint", "requirements/prod.lock",
        "--output-file", "requirements/dev.lock", "pyproject.toml")  # fmt: skip


def main() -> None:
    commands = {
        "demo": demo,
        "test": test,
        "setup": lambda args: setup(args[0] if args else "dev"),
        "assets": lambda args: copy_assets(),
        "lock": lock,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
