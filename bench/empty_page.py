"""Benchmark baseline: an empty page script, so AppTest's own overhead per run can be measured and subtracted."""
