"""Developer tools, not shipped with afdash: the benchmark driver (`make bench`) and the load test
(`make loadtest`). Run as `python -m tools.bench` / `python -m tools.loadtest` from the project root."""
