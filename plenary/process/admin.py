"""The Django admin is for operators (superusers); the secretariat works in Plenary's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from plenary.process import models


@admin.register(models.User)
class PlenaryUserAdmin(UserAdmin):
    list_display = ("username", "role", "delegation", "organization", "is_active")
    list_filter = ("role", "is_active", "illustrative")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Plenary", {"fields": ("role", "delegation", "organization", "illustrative")}),
    )


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "label", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")


for model in (
    models.Negotiation,
    models.CommitteeMember,
    models.Session,
    models.SessionEvent,
    models.RoadmapDeadline,
    models.Bloc,
    models.Delegation,
    models.Organization,
    models.AccreditationRequest,
    models.AccreditationObjection,
    models.RecordDocument,
):
    admin.site.register(model)
