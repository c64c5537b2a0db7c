from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZatConfig(AppConfig):
    name = "zat"
    verbose_name = _("ZAT meetings")
