"""``python -m kg.cameo PETRARCH_DIR PLOVER_TABLE OUT_DIR``: regenerate the CAMEO data files."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.cameo import convert
from kg.errors import KGError


def main(argv: list[str] | None = None) -> int:
    """Run the converter; print the counts, or one coded error line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: python -m kg.cameo PETRARCH_DIR PLOVER_TABLE OUT_DIR", file=sys.stderr)
        return 2
    try:
        counts = convert(Path(args[0]), Path(args[1]), Path(args[2]))
    except KGError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    print(", ".join(f"{name}: {n}" for name, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
