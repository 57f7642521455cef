"""Synthetic UCDP GED- and ACLED-shaped event files, for tests and the import benchmark only.

The rows look like the real formats (same header, same codes) but every value is made up: names are
placeholders, coordinates are province label points with jitter. Nothing here is ACLED's or UCDP's data.

    python -m tools.synth_events --format acled --rows 1000000 --out /tmp/acled_1m.csv
    python -m tools.synth_events --format ucdp-ged --rows 1000000 --out /tmp/ged_1m.csv
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from afdash.core.paths import clean_dir
from afdash.intake.formats import ACLED_COLUMNS

GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
ACTORS = ("Government of Afghanistan", "Taleban", "IS", "TTP", "Government of Pakistan", "Civilians",
          "Military Forces of Afghanistan", "NRF: National Resistance Front", "Unidentified Armed Group",
          "Police Forces of Pakistan", "Baloch separatists", "Protesters")
ACLED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")
# Afghanistan most of the time; the neighbours at a fixed point each (name, ISO numeric, GW code, lon, lat)
NEIGHBOURS = (("Pakistan", 586, 770, 71.5, 34.0), ("Iran", 364, 630, 60.9, 29.5), ("Tajikistan", 762, 702, 68.8, 38.6))
START = np.datetime64("2017-01-01")
DAYS = 8 * 365


def _provinces() -> pd.DataFrame:
    fc = json.loads((clean_dir() / "provinces.geojson").read_text("utf-8"))
    return pd.DataFrame([{k: f["properties"][k] for k in ("iso_3166_2", "name", "label_lon", "label_lat")}
                         for f in fc["features"]]).sort_values("iso_3166_2").reset_index(drop=True)


def _places(rng: np.random.Generator, n: int, afghan_share: float) -> pd.DataFrame:
    """Where each event is: a province label point (jittered by up to ~2 km) or a neighbour's point."""
    prov = _provinces()
    pick = rng.integers(0, len(prov), n)
    afg = rng.random(n) < afghan_share
    nb = rng.integers(0, len(NEIGHBOURS), n)
    jitter = rng.uniform(-0.02, 0.02, (n, 2))
    lon = np.where(afg, prov["label_lon"].to_numpy()[pick], np.array([x[3] for x in NEIGHBOURS])[nb]) + jitter[:, 0]
    lat = np.where(afg, prov["label_lat"].to_numpy()[pick], np.array([x[4] for x in NEIGHBOURS])[nb]) + jitter[:, 1]
    return pd.DataFrame({
        "afg": afg, "province": np.where(afg, prov["iso_3166_2"].to_numpy()[pick], ""),
        "admin1": np.where(afg, prov["name"].to_numpy()[pick], "Elsewhere"),
        "country": np.where(afg, "Afghanistan", np.array([x[0] for x in NEIGHBOURS])[nb]),
        "iso": np.where(afg, 4, np.array([x[1] for x in NEIGHBOURS])[nb]),
        "gw": np.where(afg, 700, np.array([x[2] for x in NEIGHBOURS])[nb]),
        "lon": lon.round(4), "lat": lat.round(4),
    })


def _dates(rng: np.random.Generator, n: int) -> np.ndarray:
    return START + rng.integers(0, DAYS, n).astype("timedelta64[D]")


def acled(n: int, seed: int = 1, afghan_share: float = 0.85) -> pd.DataFrame:
    """n ACLED-standard rows (31 columns, as text), ids SYN1…SYNn."""
    rng = np.random.default_rng(seed)
    where = _places(rng, n, afghan_share)
    day = pd.Series(_dates(rng, n)).dt.strftime("%Y-%m-%d")
    ids = pd.Series(np.arange(1, n + 1)).astype(str)
    a1, a2 = rng.integers(0, len(ACTORS), n), rng.integers(0, len(ACTORS), n)
    out = pd.DataFrame({c: "" for c in ACLED_COLUMNS}, index=range(n))
    out["event_id_cnty"] = "SYN" + ids
    out["event_date"] = day
    out["year"] = day.str.slice(0, 4)
    out["time_precision"] = rng.choice(["1", "1", "1", "2", "3"], n)
    out["disorder_type"] = "Political violence"
    out["event_type"] = np.array(ACLED_TYPES)[rng.integers(0, len(ACLED_TYPES), n)]
    out["sub_event_type"] = "Synthetic"
    out["actor1"], out["actor2"] = np.array(ACTORS)[a1], np.array(ACTORS)[a2]
    out["iso"] = where["iso"].astype(str)
    out["region"] = "Caucasus and Central Asia"
    out["country"], out["admin1"], out["location"] = where["country"], where["admin1"], where["admin1"]
    out["latitude"], out["longitude"] = where["lat"].astype(str), where["lon"].astype(str)
    out["geo_precision"] = rng.choice(["1", "1", "2", "3"], n)
    out["source"] = "Synthetic"
    out["notes"] = "Synthetic event " + ids + " (made up for testing)"
    out["fatalities"] = rng.poisson(2, n).astype(str)
    out["timestamp"] = (1_700_000_000 + np.arange(n)).astype(str)
    return out


def ged(n: int, seed: int = 2, afghan_share: float = 0.85) -> pd.DataFrame:
    """n UCDP GED-shaped rows (49 columns, as text), ids 1…n."""
    rng = np.random.default_rng(seed)
    where = _places(rng, n, afghan_share)
    start = pd.Series(_dates(rng, n))
    end = start + pd.to_timedelta(rng.choice([0, 0, 0, 1, 3], n), unit="D")
    best = rng.poisson(3, n)
    low = np.maximum(best - rng.integers(0, 3, n), 0)
    high = best + rng.integers(0, 4, n)
    a, b = rng.integers(0, len(ACTORS), n), rng.integers(0, len(ACTORS), n)
    out = pd.DataFrame({c: "" for c in GED_COLUMNS}, index=range(n))
    out["id"] = pd.Series(np.arange(1, n + 1)).astype(str)
    out["year"] = start.dt.strftime("%Y")
    out["type_of_violence"] = rng.choice(["1", "2", "3"], n)
    out["conflict_name"] = where["country"] + ": Government"
    out["side_a"], out["side_b"] = np.array(ACTORS)[a], np.array(ACTORS)[b]
    out["source_headline"] = "Synthetic event " + out["id"]
    out["where_prec"] = rng.choice(["1", "1", "2", "3", "4", "6"], n)
    out["adm_1"] = where["admin1"] + " province"
    out["latitude"], out["longitude"] = where["lat"].astype(str), where["lon"].astype(str)
    out["country"], out["country_id"] = where["country"], where["gw"].astype(str)
    out["region"] = "Asia"
    out["date_prec"] = np.where(start.eq(end), "1", "2")
    out["date_start"], out["date_end"] = start.dt.strftime("%Y-%m-%d"), end.dt.strftime("%Y-%m-%d")
    out["best"], out["low"], out["high"] = best.astype(str), low.astype(str), high.astype(str)
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    pacsv.write_csv(pa.Table.from_pandas(frame.astype(str), preserve_index=False), path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("acled", "ucdp-ged"), default="acled")
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    a = parser.parse_args(argv)
    frame = (acled if a.format == "acled" else ged)(a.rows, a.seed)
    write_csv(frame, a.out)
    print(f"wrote {a.rows} synthetic {a.format} rows to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
