import io

import pandas as pd

from afdash.core import downloads


def test_formula_cells_are_neutralised_and_numbers_untouched():
    frame = pd.DataFrame(
        {
            "text": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "plain", None],
            "number": [-5, 1, 2, 3, 4, 5, 6, 7, 8],
        }
    )
    out = pd.read_csv(io.BytesIO(downloads.to_csv_bytes(frame)), encoding="utf-8-sig", dtype={"text": str})
    assert out["text"].tolist()[:4] == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)"]
    assert out["text"][7] == "plain"
    assert all(str(v).startswith("'") for v in out["text"][4:7])
    assert out["number"].tolist() == [-5, 1, 2, 3, 4, 5, 6, 7, 8]


def test_dates_are_iso_and_file_names_say_the_filters():
    frame = pd.DataFrame({"d": pd.to_datetime(["2021-08-15"])})
    assert b"2021-08-15" in downloads.to_csv_bytes(frame)
    name = downloads.file_name("events", {"category": ["attack", "strike"], "province": "AF-KAB", "x": None})
    assert name == "afdash_events_category-attack+strike_province-AF-KAB.csv"
    assert downloads.file_name("a", {"q": "<script>/../"}).count("/") == 0


def test_download_of_a_dataset_equals_the_dataset(built):
    frame = built["events"].table
    back = pd.read_csv(io.BytesIO(downloads.to_csv_bytes(frame)), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)
    assert len(back) == len(frame)
    assert back["event_id"].tolist() == frame["event_id"].tolist()


def test_column_names_taken_from_data_are_neutralised_too():
    frame = pd.DataFrame({"state": ["x"], "=HYPERLINK(\"http://evil.example\") SCO": ["member"], "-1 CIS": [""]})
    header = downloads.to_csv_bytes(frame).decode("utf-8-sig").splitlines()[0]
    assert header == 'state,"\'=HYPERLINK(""http://evil.example"") SCO",\'-1 CIS'
