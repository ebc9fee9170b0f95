from django.apps import AppConfig


class ProcessConfig(AppConfig):
    name = "plenary.process"
    verbose_name = "Negotiating process"
