"""`afdash build-data | bench | loadtest`."""

from __future__ import annotations

import argparse
import sys


def build_data() -> int:
    from afdash import build
    from afdash.paths import data_dir
    from afdash.vendor import VendorError

    try:
        built = build.build()
    except (build.BuildError, VendorError) as exc:
        print(f"build-data failed; data/clean/ was left as it was.\n{exc}", file=sys.stderr)
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
    sub.add_parser("bench", help="time every page against the floor and write BENCHMARKS.md (see --help)",
                   add_help=False)
    sub.add_parser("loadtest", help="N concurrent websocket sessions against a local server (see --help)",
                   add_help=False)
    args, rest = parser.parse_known_args(argv)
    if args.command == "bench":
        from afdash import bench

        return bench.main(rest)
    if args.command == "loadtest":
        from afdash import loadtest

        return loadtest.main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return build_data()


if __name__ == "__main__":
    sys.exit(main())
