"""The decision that adopted a version is a decisions.Decision now (the same table, so the
database is left as it is)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_decisions_and_recorded_votes"),
        ("text", "0009_provisions_required"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="version",
                    name="adopted_by",
                    field=models.OneToOneField(
                        blank=True,
                        help_text=(
                            "The decision that adopted this text as a whole; the text is then "
                            "final."
                        ),
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="final_version",
                        to="decisions.decision",
                    ),
                ),
            ],
        ),
    ]
