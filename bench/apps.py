from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The performance benchmark: `seed_bench`, `make bench`, and /bench/ping under SMW_BENCH."""

    name = "bench"
    verbose_name = "Benchmark"
