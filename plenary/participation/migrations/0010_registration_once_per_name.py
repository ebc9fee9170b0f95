"""A person is registered once per session and party: two requests at once left two rows. The
later copies of a name already registered twice go (the first registration stays)."""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


def forget_repeated_registrations(apps, schema_editor):
    Registration = apps.get_model("participation", "Registration")
    seen = set()
    for registration in Registration.objects.order_by("registered_at", "id"):
        key = (
            registration.session_id,
            registration.delegation_id,
            registration.organization_id,
            registration.name.lower(),
        )
        if key in seen:
            registration.delete()
        seen.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ('participation', '0009_arrangements_remote_participation_and_limits'),
        ('process', '0010_user_focal_point'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(forget_repeated_registrations, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), models.F('session'), models.F('delegation'), condition=models.Q(('delegation__isnull', False)), name='registered_once_for_a_delegation'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), models.F('session'), models.F('organization'), condition=models.Q(('organization__isnull', False)), name='registered_once_for_an_organization'),
        ),
    ]
