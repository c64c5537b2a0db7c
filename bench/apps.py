from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The performance benchmark (`make bench`): `seed_bench` and /bench/ping/. Installed only
    when SMW_BENCH is true, so production has none of it."""

    name = "bench"
    verbose_name = "Benchmark"
