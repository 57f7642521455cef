"""Schemas for the build: each dataset's fields as a pandera schema, and pandera's failures as file/row/column
problems. Only the build validates with pandera; the running app never imports it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from afdash.schema.fields import LIST_SEP, CellError, Field, line_of


def column(f: Field) -> pa.Column:
    """The checks one field's declaration implies: type, required, enum, pattern, minimum, uniqueness."""
    checks = []
    if f.enum is not None:
        allowed = list(f.enum)
        if f.is_list:
            checks.append(
                pa.Check(
                    lambda s, a=allowed: s.map(lambda v: all(x in a for x in str(v).split(LIST_SEP))),
                    element_wise=False,
                    name=f"each in {allowed}",
                )
            )
        else:
            checks.append(pa.Check.isin(allowed))
    if f.pattern is not None:
        checks.append(pa.Check.str_matches(rf"^(?:{f.pattern})$"))
    if f.minimum is not None:
        checks.append(pa.Check.ge(f.minimum))
    if f.type == "number":  # inf would print as "USD inf", and NaN is a missing value, not a number
        checks.append(pa.Check(lambda s: s.isna() | np.isfinite(s), element_wise=False, name="finite"))
    if f.type == "date":
        lo, hi = (pd.Timestamp(d) for d in f.window)
        checks.append(pa.Check.in_range(lo, hi))
    dtype = {
        "string": str,
        "integer": "Int64",
        "number": "float64",
        "boolean": bool,
        "date": "datetime64[us]",
    }[f.type]
    return pa.Column(
        dtype,
        checks=checks,
        nullable=not f.required,
        unique=f.unique,
        description=f.description,
        metadata={"unit": f.unit} if f.unit else None,
    )

def schema(fields: list[Field], unique_together: list[str] | None = None) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {f.name: column(f) for f in fields},
        strict=True,
        ordered=True,
        unique=unique_together,
    )


def schema_errors(file: str, frame: pd.DataFrame, sch: pa.DataFrameSchema) -> list[CellError]:
    """pandera's failures as file/row/column messages."""
    try:
        sch.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        out = []
        for rec in exc.failure_cases.to_dict(orient="records"):
            idx = rec.get("index")
            row = line_of(idx) if idx is not None and not pd.isna(idx) else 0
            out.append(
                CellError(file, row, str(rec.get("column") or "-"), str(rec.get("failure_case")), str(rec["check"]))
            )
        return out
    return []
