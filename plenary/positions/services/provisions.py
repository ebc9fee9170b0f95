"""What a stance or an objection is on: a paragraph, or a package (`package_<id>`)."""

from django.utils.translation import gettext as _

from plenary.errors import InvalidInput
from plenary.process.models import Negotiation
from plenary.text.models import IndexedParagraph, Package, PackageStatus

PACKAGE_PREFIX = "package_"


def package_provision(package: Package) -> str:
    """How a package is named among the provisions of the consensus map: package_<id>."""
    return f"{PACKAGE_PREFIX}{package.pk}"


def open_package_provisions(negotiation: Negotiation) -> dict[str, Package]:
    """The packages still on the table, by their provision name."""
    return {
        package_provision(p): p
        for p in negotiation.packages.filter(status=PackageStatus.PROPOSED).order_by("id")
    }


def require_provision(negotiation: Negotiation, eid: str) -> None:
    """A stance or an objection is on a paragraph of one of the negotiation's versions, or on
    one of its packages."""
    number = eid.removeprefix(PACKAGE_PREFIX)
    if eid.startswith(PACKAGE_PREFIX) and number.isdigit():
        exists = negotiation.packages.filter(pk=int(number)).exists()
    else:
        exists = IndexedParagraph.objects.filter(version__negotiation=negotiation, eid=eid).exists()
    if not exists:
        raise InvalidInput(
            _("There is no paragraph or package %(eid)s in this negotiation.") % {"eid": eid}
        )
