"""Speed and memory benchmark (issue 11): ``python -m benchmarks.speed``; see docs/speed.md."""
