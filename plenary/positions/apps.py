from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "plenary.positions"
    verbose_name = "Positions"

    def ready(self) -> None:
        # Standing objections stand in the way of agreeing a provision; the text asks for
        # them without knowing the positions.
        from plenary.positions.services.objections import standing_objections
        from plenary.text.blockers import register

        register(standing_objections)
