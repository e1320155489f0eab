#!/usr/bin/env python3
"""Known vulnerabilities in the locked packages: pip-audit on both Python lock files and
npm audit on package-lock.json. Fails on any vulnerability found. When a vulnerability
service does not answer (no network, or a package index mirror without its audit
endpoints), that audit is reported as not run and does not fail the build: the next run
with an answering index audits the same pins.

    .venv/bin/python .ci/audit.py
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LIMIT = 180  # seconds an audit may take before it counts as not answered (CI has 30 minutes)


def pip_audit(lock: Path) -> int | None:
    """Vulnerabilities found in `lock`'s pins, or None when nothing could be audited."""
    result = subprocess.run(
        [BIN / "pip-audit", "--disable-pip", "--no-deps", "--format", "json",
         "--progress-spinner", "off", "-r", lock],
        capture_output=True, text=True, cwd=ROOT, timeout=LIMIT,
    )  # fmt: skip
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr.strip()[-2000:])
        return None
    audited = [d for d in report["dependencies"] if "skip_reason" not in d]
    if not audited:
        return None
    found = [(d["name"], d["version"], v["id"]) for d in audited for v in d.get("vulns", [])]
    for name, version, advisory in found:
        print(f"audit: {lock.name}: {name} {version}: {advisory}")
    return len(found)


def npm_audit() -> int | None:
    result = subprocess.run(
        ["npm", "audit", "--json"], capture_output=True, text=True, cwd=ROOT, timeout=LIMIT
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return None
    if "vulnerabilities" not in report:  # the endpoint's error, not a report
        return None
    for name, entry in report["vulnerabilities"].items():
        print(f"audit: npm: {name}: {entry.get('severity')}")
    return len(report["vulnerabilities"])


def main() -> int:
    failed = False
    locks = [ROOT / "requirements" / name for name in ("prod.lock", "dev.lock")]
    audits = {lock.name: lambda lock=lock: pip_audit(lock) for lock in locks}
    audits["package-lock.json"] = npm_audit
    for name, audit in audits.items():
        try:
            found = audit()
        except subprocess.TimeoutExpired:
            found = None
        if found is None:
            print(f"audit: {name}: not run, the vulnerability service did not answer")
        elif found:
            print(f"audit: {name}: {found} known vulnerabilities")
            failed = True
        else:
            print(f"audit: {name}: no known vulnerabilities")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
