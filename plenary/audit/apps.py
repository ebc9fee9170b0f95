from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "plenary.audit"
    verbose_name = "Audit trail"
