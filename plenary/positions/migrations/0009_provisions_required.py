"""Stances, objections and issues point at provisions only; a delegation has one standing
objection to the same thing, which the database holds."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0008_provisions_from_eids"),
        ("process", "0006_negotiation_session_translations"),
        ("text", "0009_provisions_required"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="stance",
            name="stance_on_an_issue_or_a_paragraph",
        ),
        migrations.RemoveField(
            model_name="issue",
            name="eids",
        ),
        migrations.RemoveField(
            model_name="objection",
            name="eid",
        ),
        migrations.RemoveField(
            model_name="stance",
            name="eid",
        ),
        migrations.AddConstraint(
            model_name="objection",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("provision__isnull", False), ("package__isnull", True)),
                    models.Q(("package__isnull", False), ("provision__isnull", True)),
                    _connector="OR",
                ),
                name="objection_to_one_subject",
            ),
        ),
        migrations.AddConstraint(
            model_name="objection",
            constraint=models.UniqueConstraint(
                condition=models.Q(("provision__isnull", False), ("withdrawn_at__isnull", True)),
                fields=("delegation", "provision"),
                name="one_standing_objection_to_a_provision",
            ),
        ),
        migrations.AddConstraint(
            model_name="objection",
            constraint=models.UniqueConstraint(
                condition=models.Q(("package__isnull", False), ("withdrawn_at__isnull", True)),
                fields=("delegation", "package"),
                name="one_standing_objection_to_a_package",
            ),
        ),
        migrations.AddConstraint(
            model_name="stance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("issue__isnull", False),
                        ("provision__isnull", True),
                        ("package__isnull", True),
                        ("proposal__isnull", True),
                    ),
                    models.Q(
                        ("provision__isnull", False),
                        ("issue__isnull", True),
                        ("package__isnull", True),
                        ("proposal__isnull", True),
                    ),
                    models.Q(
                        ("package__isnull", False),
                        ("issue__isnull", True),
                        ("provision__isnull", True),
                        ("proposal__isnull", True),
                    ),
                    models.Q(
                        ("proposal__isnull", False),
                        ("issue__isnull", True),
                        ("provision__isnull", True),
                        ("package__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="stance_on_one_subject",
            ),
        ),
    ]
