"""The performance benchmark (`make bench` = `python -m bench.run`): synthetic data, timings, report."""
