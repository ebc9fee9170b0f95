from django.contrib import admin

from plenary.treaty.models import Instrument, NationalStep, Treaty

admin.site.register(Treaty)
admin.site.register(Instrument)
admin.site.register(NationalStep)
