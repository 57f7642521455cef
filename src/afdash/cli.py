"""`afdash build-data`, `afdash import-events`, `afdash export-events`. The developer tools (benchmark, load
test, synthetic events) live in tools/, outside the package."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


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


def import_events(files: list[Path], fmt: str | None, folder: Path | None, as_json: bool) -> int:
    from afdash.intake.formats import FormatError
    from afdash.intake.pipeline import import_files

    try:
        result = import_files(files, folder, fmt)
    except FormatError as exc:
        print(f"import-events failed; the events store was left as it was.\n{exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the store folder: unwritable, full disk, a file where a folder belongs
        print(f"import-events failed; the events store was left as it was.\n{exc.filename or ''}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return 0
    for s in result.files:
        print(f"{s.file} ({s.format}, sha256 {s.sha256[:12]}…): {s.rows_read} rows read, {s.rows_accepted} accepted, "
              f"{s.rows_rejected} rejected, {s.warnings} kept with a warning")
        print(f"  {s.inserted} new, {s.replaced} replaced by this newer release, {s.unchanged} unchanged, "
              f"{s.kept_newer} older than the stored copy (kept the stored one)")
        if s.replaced_ids:
            print(f"  replaced: {', '.join(s.replaced_ids)}{' …' if s.replaced > len(s.replaced_ids) else ''}")
        print(f"  provinces: {s.province_disagreements} disagree with the source's admin-1 name, "
              f"{s.outside_provinces} Afghan events fall in no province polygon")
    for r in result.first_rejects:
        print(f"  rejected: {r['file']} row {r['row']}, column {r['column']}: {r['reason']} ({r['value']!r})")
    print(f"rejects: {result.rejects_file}\nsummary: {result.report_dir}/summary.json")
    print(f"store: {result.store} ({result.events_stored} events)")
    return 0


def export_events(out: Path, folder: Path | None, args: argparse.Namespace | None = None) -> int:
    from afdash.userevents.filters import from_cli
    from afdash.userevents.query import export_csv

    try:
        f = from_cli(args.start, args.end, args.source, args.type, args.country, args.province, args.actor) \
            if args else None
    except ValueError as exc:
        print(f"export-events: {exc} (dates are YYYY-MM-DD)", file=sys.stderr)
        return 2
    try:
        n = export_csv(out, folder, f)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {n} events to {out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    from afdash.userevents.store import ENV

    parser = argparse.ArgumentParser(prog="afdash")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build-data", help="validate sources and rebuild data/clean/ and data/datapackage.json")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--events-dir", type=Path, default=None,
                       help=f"the events store (default: ${ENV}, else ~/.local/share/afdash/events)")
    imp = sub.add_parser("import-events", parents=[where],
                         help="import UCDP GED / candidate or ACLED files (CSV, XLSX or zip) into the events store")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--format", choices=("ucdp-ged", "ucdp-candidate", "acled"), default=None,
                     help="the files' format (default: detected from the header)")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    exp = sub.add_parser("export-events", parents=[where],
                         help="write the normalised events table (all of it, or the rows the filters keep) to CSV")
    exp.add_argument("out", type=Path, metavar="OUT.csv")
    exp.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="events starting on or after this day")
    exp.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="events starting on or before this day")
    for name, what in (("source", "ucdp-ged, ucdp-candidate or acled"), ("type", "type of violence"),
                       ("country", "ISO 3166-1 alpha-3 code")):
        exp.add_argument(f"--{name}", action="append", default=None, help=f"only this {what} (repeatable)")
    exp.add_argument("--province", default=None, help="only this province (ISO 3166-2:AF)")
    exp.add_argument("--actor", default=None, help="only events naming this actor on either side")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    if args.command == "import-events":
        return import_events(args.files, args.format, args.events_dir, args.json)
    if args.command == "export-events":
        return export_events(args.out, args.events_dir, args)
    return build_data()


if __name__ == "__main__":
    sys.exit(main())
