from django.contrib import admin

from plenary.participation.models import (
    AgendaItem,
    Arrangements,
    Intervention,
    Registration,
    SpeakerEntry,
)

admin.site.register(Arrangements)
admin.site.register(AgendaItem)
admin.site.register(Registration)
admin.site.register(SpeakerEntry)
admin.site.register(Intervention)
