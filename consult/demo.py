"""Demo consultation windows, from the city's description of its support system
(../shared/reference: the fields, the windows and the departments behind them).

Only numbers found in the city's public data are used (まいさぽ松本, あいほっと); every
other window shows the city's main number, and every demo window is marked as demo
on the public pages: its texts are illustrations, not the city's."""

from __future__ import annotations

from collections.abc import Iterator

from portal.municipality import city

from .models import ConsultationWindow, Field

CITY_HOURS_JA = "平日 8:30〜17:15（市役所の代表番号）"
CITY_HOURS_EN = "Weekdays 8:30–17:15 (the city office's main number)"

WINDOWS = [
    {
        "name_ja": "地域包括支援センター（市内12か所）",
        "name_en": "Community general support centres (12 in the city)",
        "field": Field.ELDERLY,
        "for_whom_ja": "65歳以上の方と、その家族や近所の方",
        "for_whom_en": "People aged 65 or over, their families and neighbours",
        "what_to_ask_ja": "介護保険の申請、介護や健康の心配、もの忘れ、高齢の方の見守り。",
        "what_to_ask_en": "Applying for long-term care insurance, worries about care or health, "
        "forgetfulness, keeping an eye on an older person.",
        "department_ja": "高齢福祉課・西部福祉課",
        "department_en": "Elderly Welfare Division, Western Welfare Division",
    },
    {
        "name_ja": "障がい者相談支援センター あいほっと（総合相談支援センター）",
        "name_en": "Disability consultation support centre Aihotto",
        "field": Field.DISABILITY,
        "phone": "0263-26-2970",
        "for_whom_ja": "障がいのある方と、その家族",
        "for_whom_en": "People with disabilities and their families",
        "what_to_ask_ja": "福祉サービスの使い方、暮らしや仕事の困りごと、相談先がわからないとき。",
        "what_to_ask_en": "Using welfare services, trouble with daily life or work, not knowing "
        "whom to ask.",
        "department_ja": "障がい福祉課・西部福祉課・こども福祉課",
        "department_en": "Disability Welfare Division, Western Welfare Division, Child Welfare "
        "Division",
    },
    {
        "name_ja": "子育てコンシェルジュ・保育コンシェルジュ・母子保健コーディネーター",
        "name_en": "Child-rearing and childcare concierges, maternal and child health coordinators",
        "field": Field.CHILDREN,
        "for_whom_ja": "妊娠中の方、子育て中の家族",
        "for_whom_en": "Expectant parents and families raising children",
        "what_to_ask_ja": "保育園や子育て支援の使い方、妊娠・出産・子どもの健康、子育ての悩み。",
        "what_to_ask_en": "Nursery schools and child-rearing support, pregnancy, birth and "
        "children's health, worries about raising children.",
        "department_ja": "こども育成課・保育課・健康づくり課",
        "department_en": "Child Development Division, Childcare Division, Health Promotion "
        "Division",
    },
    {
        "name_ja": "まいさぽ松本（松本市生活就労支援センター）",
        "name_en": "Maisapo Matsumoto (livelihood and work support centre)",
        "field": Field.HARDSHIP,
        "phone": "0263-34-3041",
        "hours_ja": "平日 8:30〜17:15（原則予約制）",
        "hours_en": "Weekdays 8:30–17:15 (by appointment as a rule)",
        "address": "長野県松本市丸の内3番7号 松本市役所東庁舎2階",
        "for_whom_ja": "生活や仕事、お金のことで困っている方",
        "for_whom_en": "Anyone in trouble with living costs, work or money",
        "what_to_ask_ja": "家賃や生活費が払えない、仕事が見つからない、借金の悩み。",
        "what_to_ask_en": "Unable to pay rent or living costs, cannot find work, debts.",
        "department_ja": "生活福祉課",
        "department_en": "Livelihood Welfare Division",
    },
    {
        "name_ja": "全世代型個別支援（福祉政策課）",
        "name_en": "Support across all generations (Welfare Policy Division)",
        "field": Field.OTHER,
        "for_whom_ja": "いくつもの困りごとが重なっている方、どこに相談すればよいかわからない方",
        "for_whom_en": "Anyone with several troubles at once, or not sure where to ask",
        "what_to_ask_ja": "家族の中で介護・子育て・お金などの困りごとが重なっているとき。"
        "担当の窓口が一緒に考えます。",
        "what_to_ask_en": "When care, child-rearing, money and other troubles come together in "
        "one family: the windows work it out together with you.",
        "department_ja": "福祉政策課",
        "department_en": "Welfare Policy Division",
    },
]


def load_demo_windows() -> Iterator[str]:
    if ConsultationWindow.objects.filter(is_demo=True).exists():
        yield "demo consultation windows already loaded"
        return
    main_number = city().phone
    for order, row in enumerate(WINDOWS):
        values = {
            "phone": main_number,
            "hours_ja": CITY_HOURS_JA,
            "hours_en": CITY_HOURS_EN,
            "languages_ja": "日本語",
            "languages_en": "Japanese",
            **row,
        }
        if values["phone"] != main_number and "hours_ja" not in row:
            values["hours_ja"], values["hours_en"] = (
                "受付時間はお電話でご確認ください",
                ("Please ask the hours by phone"),
            )
        ConsultationWindow.objects.create(is_demo=True, sort_order=order, **values)
    yield f"{len(WINDOWS)} demo consultation windows loaded (city-wide)"
