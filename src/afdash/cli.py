"""`afdash build-data`: rebuild data/clean/ from data/sources/ and data/vendor/."""

from __future__ import annotations

import argparse
import sys

from afdash import build
from afdash.paths import data_dir
from afdash.vendor import VendorError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="afdash")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build-data", help="validate sources and rebuild data/clean/ and data/datapackage.json")
    args = parser.parse_args(argv)
    if args.command == "build-data":
        try:
            built = build.build()
        except (build.BuildError, VendorError) as exc:
            print(f"build-data failed; data/clean/ was left as it was.\n{exc}", file=sys.stderr)
            return 1
        for name, b in built.items():
            print(f"{name:22} {len(b.table):5d} rows")
        print(f"wrote {data_dir() / 'clean'} and datapackage.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
