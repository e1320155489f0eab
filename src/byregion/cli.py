"""The `byregion` console command: Django's management commands under one name.

`byregion demo`, `byregion serve`, `byregion import-places FILE` and every other Django
command (`byregion migrate`, `byregion createsuperuser`, ...). Dashes in a command name are
accepted for underscores, so `import-places` runs the `import_places` command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "byregion"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byregion.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
