"""Factories for the consultation windows; Japanese data."""

import factory

from consult.models import ConsultationWindow, Field


class ConsultationWindowFactory(factory.django.DjangoModelFactory):
    name_ja = factory.Sequence(lambda n: f"地域包括支援センター{n}")
    name_en = factory.Sequence(lambda n: f"Community support centre {n}")
    field = Field.ELDERLY
    for_whom_ja = "65歳以上の方と、その家族"
    for_whom_en = "People aged 65 or over and their families"
    what_to_ask_ja = "介護保険の申請、もの忘れの心配。"
    what_to_ask_en = "Care insurance, forgetfulness."
    phone = "0263-34-3000"
    hours_ja = "平日 8:30〜17:15"
    hours_en = "Weekdays 8:30–17:15"
    department_ja = "高齢福祉課"
    department_en = "Elderly Welfare Division"

    class Meta:
        model = ConsultationWindow
        skip_postgeneration_save = True

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)
