"""`afdash build-data`. The developer tools (benchmark, load test) live in tools/, outside the package."""

from __future__ import annotations

import argparse
import sys


def build_data() -> int:
    from afdash.build import run as build
    from afdash.core.paths import data_dir
    from afdash.store.vendor import VendorError

    try:
        built = build.build()
    except (build.BuildError, VendorError) as exc:
        print(f"build-data failed; data/clean/ was left as it was.\n{exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the data folder itself: unwritable, full disk, a file where a folder belongs
        print(f"build-data failed; data/clean/ was left as it was.\n{exc.filename or data_dir()}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1
    for name, b in built.items():
        print(f"{name:22} {len(b.table):5d} rows")
    print(f"wrote {data_dir() / 'clean'} and datapackage.json")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="afdash")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build-data", help="validate sources and rebuild data/clean/ and data/datapackage.json")
    parser.parse_args(argv)
    return build_data()


if __name__ == "__main__":
    sys.exit(main())
