from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "plenary.advocacy"
    verbose_name = "Advocacy"

    def ready(self) -> None:
        # Registers the handler that re-flags red lines when a version is published, the
        # search of coalitions' statements with the search of the text, and who translates them.
        from plenary.advocacy.search import statements
        from plenary.advocacy.services import red_lines  # noqa: F401
        from plenary.advocacy.visibility import translates_statement
        from plenary.process.services.translations import register_translators
        from plenary.text.search import STATEMENTS, register_record_search

        register_record_search(STATEMENTS, statements)
        register_translators("advocacy.statement", translates_statement)
