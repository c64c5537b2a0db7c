import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smw.settings")

app = Celery("smw")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
