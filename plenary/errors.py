"""Domain errors: each carries a sentence a user understands and the HTTP status it maps to.

Services raise them; the web pages (plenary.middleware, and plenary.forms for a form, which
shows the sentence next to the `field` it names, else at the top) and the API (plenary.api) turn
them into a 4xx answer with that sentence.
"""


class PlenaryError(Exception):
    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        # The input the sentence is about (a form field's name), if it is about one.
        self.field = field


class InvalidInput(PlenaryError):
    status = 400


class NotSignedIn(PlenaryError):
    status = 401


class NotAllowed(PlenaryError):
    status = 403


class NotYourDelegation(NotAllowed):
    pass


class NotYourOrganization(NotAllowed):
    pass


class NotFound(PlenaryError):
    status = 404


class Conflict(PlenaryError):
    status = 409


class StaleEdit(Conflict):
    """Someone else saved the same thing since it was opened."""


class DeadlinePassed(Conflict):
    pass
