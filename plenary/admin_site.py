"""Django's admin is for operators, and asks them for a TOTP code as well as the password
(django-otp's OTPAdminSite): a verified session, whatever the account."""

from django.contrib.admin.apps import AdminConfig


class OperatorsAdminConfig(AdminConfig):
    default_site = "django_otp.admin.OTPAdminSite"
