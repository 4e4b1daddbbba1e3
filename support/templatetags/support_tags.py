"""Template helpers of the support screens."""

from django import template

from support.choices import Difficulty, HealthNeed, Interest, RequesterType

register = template.Library()

VOCABULARIES = {
    "interest": Interest,
    "difficulty": Difficulty,
    "health": HealthNeed,
    "requester": RequesterType,
}


@register.filter
def choice_labels(codes, vocabulary: str) -> str:
    """["salon", "meals"] -> "サロン・お茶会、食事会" (labels in the active language)."""
    choices = VOCABULARIES[vocabulary]
    labels = []
    for code in codes or []:
        labels.append(str(choices(code).label) if code in choices.values else str(code))
    return "、".join(labels)
