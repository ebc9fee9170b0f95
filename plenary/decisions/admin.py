from django.contrib import admin

from plenary.decisions.models import Decision, VoteCast

admin.site.register(Decision)
admin.site.register(VoteCast)
