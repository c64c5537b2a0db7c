from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from celery.signals import worker_ready

        from .tasks import take_back_after_restart

        worker_ready.connect(
            take_back_after_restart, dispatch_uid="reports.take_back_after_restart"
        )
