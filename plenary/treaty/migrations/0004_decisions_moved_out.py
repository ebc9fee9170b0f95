"""The decisions that approved and adopted a treaty are decisions.Decision now (the same
table, so the database is left as it is)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_decisions_and_recorded_votes"),
        ("treaty", "0003_adoption_steps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="treaty",
                    name="adopted_by",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="adopted_treaty",
                        to="decisions.decision",
                        verbose_name="adopted by",
                    ),
                ),
                migrations.AlterField(
                    model_name="treaty",
                    name="approved_by",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="approved_treaty",
                        to="decisions.decision",
                        verbose_name="approved by (negotiating body)",
                    ),
                ),
            ],
        ),
    ]
