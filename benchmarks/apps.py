from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Commands that fill a throwaway database and time the site's requests (README,
    "Performance" and "Search"); tooling above every app, never imported by one."""

    name = "benchmarks"
    label = "benchmarks"
