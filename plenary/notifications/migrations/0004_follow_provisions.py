"""A follow of a paragraph, an article or a chapter points at its provision."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0003_notification_languages'),
        ('text', '0009_provisions_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='follow',
            name='provision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='follows', to='text.provision'),
        ),
        migrations.AlterField(
            model_name='follow',
            name='key',
            field=models.CharField(help_text='The id of the provision, session or red line.', max_length=200, verbose_name='key'),
        ),
    ]
