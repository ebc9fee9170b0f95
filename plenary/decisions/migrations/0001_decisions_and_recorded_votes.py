"""Decisions and recorded votes move out of positions into an app of their own.

The tables stay as they are (positions_decision, positions_votecast: see the models' db_table),
so this migration changes Django's state only and copies no data; positions'
0013_decisions_moved_out removes the two models from its own state once the text and the
treaty point here. Running after positions' 0012 means that the tables exist, on a fresh
database as on one migrated before the move.

Content types follow the models (positions.decision becomes decisions.decision), so that the
admin's change log and operators' permissions keep pointing at the same records. The audit
trail keeps the label it stored, "positions.decision"; it reads it as decisions.decision
(plenary/audit/models.py, FORMER_LABELS).
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("decision", "votecast")


def content_types_follow(apps, schema_editor):
    _relabel(apps, schema_editor, "positions", "decisions")


def content_types_return(apps, schema_editor):
    _relabel(apps, schema_editor, "decisions", "positions")


def _relabel(apps, schema_editor, old, new):
    content_types = apps.get_model("contenttypes", "ContentType").objects.db_manager(
        schema_editor.connection.alias
    )
    for model in MOVED:
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("positions", "0012_objection_reason_limit"),
        ("process", "0012_bloc_represented_by"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Decision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "sources",
                            models.JSONField(blank=True, default=list, verbose_name="sources"),
                        ),
                        (
                            "illustrative",
                            models.BooleanField(
                                default=False,
                                help_text="Not from the public record: example data for the demo.",
                                verbose_name="illustrative",
                            ),
                        ),
                        (
                            "symbol",
                            models.CharField(max_length=60, unique=True, verbose_name="symbol"),
                        ),
                        ("body", models.CharField(max_length=200, verbose_name="taken by")),
                        ("title", models.CharField(max_length=400, verbose_name="title")),
                        ("date", models.DateField(verbose_name="date")),
                        (
                            "method",
                            models.CharField(
                                choices=[
                                    ("recorded_vote", "recorded vote"),
                                    ("without_vote", "without a vote"),
                                    ("consensus", "consensus"),
                                ],
                                max_length=20,
                                verbose_name="method",
                            ),
                        ),
                        (
                            "majority",
                            models.CharField(
                                blank=True,
                                choices=[
                                    (
                                        "two_thirds_present_voting",
                                        "two-thirds majority of members present and voting",
                                    ),
                                    (
                                        "simple_majority_present_voting",
                                        "simple majority of members present and voting",
                                    ),
                                ],
                                help_text="For a recorded vote; blank means the negotiation's own rule.",
                                max_length=40,
                                verbose_name="majority required",
                            ),
                        ),
                        ("summary", models.TextField(blank=True, verbose_name="what it decided")),
                        (
                            "translations",
                            models.JSONField(blank=True, default=dict, verbose_name="translations"),
                        ),
                        (
                            "negotiation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="decisions",
                                to="process.negotiation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "positions_decision",
                        "ordering": ["negotiation", "date", "symbol"],
                    },
                ),
                migrations.CreateModel(
                    name="VoteCast",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "vote",
                            models.CharField(
                                choices=[
                                    ("yes", "in favour"),
                                    ("no", "against"),
                                    ("abstain", "abstention"),
                                    ("absent", "absent or not voting"),
                                ],
                                max_length=10,
                                verbose_name="vote",
                            ),
                        ),
                        (
                            "decision",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="votes",
                                to="decisions.decision",
                            ),
                        ),
                        (
                            "delegation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="votes_cast",
                                to="process.delegation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "positions_votecast",
                        "ordering": ["decision", "delegation__name"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("decision", "delegation"), name="one_vote_per_state"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
