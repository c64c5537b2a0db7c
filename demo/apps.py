from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data of `manage.py seed_demo` (`make demo`): no models, no pages."""

    name = "demo"
    verbose_name = "Demo"
