"""The user's imported events at run time: where they are stored, queries written once with Ibis and run by
the engine (DuckDB over Parquet here), and the charts and map built from the small results.

No geopandas here: importing (afdash.intake) is a build-layer job the app never runs."""
