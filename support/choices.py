"""The fixed vocabularies of participation support.

Codes are short English words (stored in the database and in CSV exports);
labels are English msgids translated to Japanese. The lists are deliberately
fixed in code, not built in the form builder: reports count by them, and a
case must mean the same whichever language the form was filled in.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RequesterType(models.TextChoices):
    SELF = "self", _("The person themself")
    FAMILY = "family", _("Family")
    NEIGHBOUR = "neighbour", _("Neighbour or acquaintance")
    SUPPORTER = "supporter", _("Supporter or agency")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("A visit or a meeting in person")
    ANY = "any", _("Any of these")


class Interest(models.TextChoices):
    EXERCISE = "exercise", _("Exercise and keeping healthy")
    SALON = "salon", _("Salons and tea gatherings")
    HOBBY = "hobby", _("Hobbies and learning")
    VOLUNTEER = "volunteer", _("Volunteering")
    CHILDREN = "children", _("Gatherings for parents and children")
    MEALS = "meals", _("Shared meals")
    CONSULT = "consult", _("I would like to talk to someone")
    OTHER = "other", _("Something else")


class Difficulty(models.TextChoices):
    """What makes taking part hard. Health and disability are asked separately
    (HealthNeed), with their own consent: they are special-care information."""

    TRANSPORT = "transport", _("Getting there (no transport)")
    LANGUAGE = "language", _("Language (Japanese is hard for me)")
    CARING = "caring", _("Caring for family or children")
    MONEY = "money", _("Money (fees, costs)")
    ALONE = "alone", _("Going alone for the first time feels hard")
    INFORMATION = "information", _("I do not know what there is")
    TIME = "time", _("Time (work, schedule)")
    OTHER = "other", _("Something else")


class HealthNeed(models.TextChoices):
    """Special-care personal information (要配慮個人情報): stored only with consent."""

    MOBILITY = "mobility", _("Walking or moving is hard")
    ILLNESS = "illness", _("Illness or regular hospital visits")
    DISABILITY = "disability", _("Disability")
    SENSES = "senses", _("Hearing or sight")
    MIND = "mind", _("Feeling low, anxiety, mental health")
    MEMORY = "memory", _("Memory or forgetfulness")


class Source(models.TextChoices):
    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Visit")
    REFERRAL = "referral", _("Referral from an agency")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    CONTACTED = "contacted", _("Contacted")
    MATCHING = "matching", _("Finding a place")
    PARTICIPATING = "participating", pgettext_lazy("case status", "Taking part")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The statuses of a case that is still being worked.
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.CONTACTED,
    Status.MATCHING,
    Status.PARTICIPATING,
    Status.FOLLOW_UP,
)
#: Statuses that end the work; the retention period runs from them.
ENDED_STATUSES = (Status.CLOSED, Status.WITHDRAWN)

#: The only transitions accepted. Closed and withdrawn cases can be reopened
#: (the person comes back), which starts the work again at "contacted".
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.CONTACTED, Status.WITHDRAWN),
    Status.CONTACTED: (Status.MATCHING, Status.CLOSED, Status.WITHDRAWN),
    Status.MATCHING: (Status.PARTICIPATING, Status.CONTACTED, Status.WITHDRAWN),
    Status.PARTICIPATING: (Status.FOLLOW_UP, Status.MATCHING, Status.WITHDRAWN),
    Status.FOLLOW_UP: (Status.CLOSED, Status.MATCHING, Status.PARTICIPATING, Status.WITHDRAWN),
    Status.CLOSED: (Status.CONTACTED,),
    Status.WITHDRAWN: (Status.CONTACTED,),
}


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Home visit")
    MEETING = "meeting", _("Meeting")
    REFERRAL = "referral", _("Referral")
    EMAIL = "email", _("Email or letter")


class MatchOutcome(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    TRIED = "tried", _("Tried it")
    JOINED = "joined", _("Joined")
    DID_NOT_SUIT = "did_not_suit", _("Did not suit")


class SharingBasis(models.TextChoices):
    """Why a team member may see a case (recorded when they are added)."""

    DISTRICT = "district", _("Staff of the case's district")
    COORDINATOR = "coordinator", _("Coordinator (welfare policy division)")
    CONSENT = "consent", _("The person's consent to sharing")
    SUPPORT_MEETING = "support_meeting", _("Support meeting (statutory confidentiality)")


class ConsentKind(models.TextChoices):
    CONTACT = "contact", _("To be contacted")
    SHARE = "share", _("To share with related support agencies")
    SENSITIVE = "sensitive", _("To store health and disability answers")


class ConsentMethod(models.TextChoices):
    FORM = "form", _("On the web form")
    ORAL = "oral", _("Orally (recorded by staff)")
    WRITTEN = "written", _("In writing (recorded by staff)")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    UPDATE = "update", _("Changed details")
    STATUS = "status", _("Changed status")
    ASSIGN = "assign", _("Changed lead or follow-up date")
    DISTRICT = "district", _("Assigned a district")
    CONTACT = "contact", _("Recorded a contact")
    MATCH = "match", _("Recorded a matched resource")
    TEAM_ADD = "team_add", _("Added a team member")
    TEAM_REMOVE = "team_remove", _("Removed a team member")
    CONSENT = "consent", _("Recorded consent")
    ESCALATE = "escalate", _("Escalated to the support meeting")
    TAKE_UP = "take_up", _("Taken up by the support meeting")
    EXPORT = "export", _("Exported a list")
    PERSON_EXPORT = "person_export", _("Exported one person's data")
    SUBMISSIONS = "submissions", _("Viewed form submissions")
    REPORT = "report", _("Viewed or exported reports")
    PURGE = "purge", _("Anonymised after the retention period")
    REFUSED = "refused", _("Refused")
