"""Origin countries of the synthetic cases: names, phone formats, banking and languages.

Small hand-written pools, not a names library: the pools must not change under a
dependency upgrade, or a seeded run would stop repeating. Names are frequent ones
in each country, written as people there write them (diacritics, native script
for some), plus the nicknames and romanisations that turn up in chats.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    code: str  # ISO 3166 alpha-2, also the phone region
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    nicknames: dict[str, str]  # given name -> what friends call her or him
    native: dict[str, str]  # a name -> the same name in the native script
    phone_prefixes: tuple[str, ...]  # national significant number prefixes of mobiles
    phone_digits: int  # length of the national significant number
    iban_bban: str | None  # BBAN layout: 'A' a capital letter, '9' a digit; None: no IBAN
    account_digits: int  # domestic account / card number length where there is no IBAN
    passport: str  # passport number layout, same alphabet as iban_bban
    email_domains: tuple[str, ...]
    surname_first: bool = False  # 'Nguyen Thi Lan', 'Wang Fang'
    phrases: tuple[str, ...] = ()  # ordinary chat phrases in the home language (no names)


ORIGINS: dict[str, Origin] = {
    "RO": Origin(
        "RO",
        ("Ioana", "Mădălina", "Roxana", "Bianca", "Florentina", "Andreea", "Ionela", "Cosmina"),
        ("Ionuț", "Răzvan", "Cătălin", "Florin", "Bogdan", "Marius"),
        ("Popescu", "Dumitrescu", "Stănescu", "Munteanu", "Ciobanu", "Răducanu", "Bălănescu", "Vasilache"),
        {"Mădălina": "Mădă", "Ionuț": "Nuțu", "Florentina": "Flori", "Cosmina": "Cosmi"},
        {},
        ("72", "73", "74", "75", "76"), 9, "AAAA9999999999999999", 0, "99999999", ("yahoo.com", "gmail.com"),
        phrases=("unde esti", "te rog", "nu mai pot", "vin acum", "multumesc mult"),
    ),
    "UA": Origin(
        "UA",
        ("Oksana", "Kateryna", "Iryna", "Yuliia", "Nataliia", "Viktoriia", "Halyna"),
        ("Taras", "Andriy", "Oleksandr", "Bohdan", "Mykola"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchuk", "Hnatyuk", "Lysenko"),
        {"Oksana": "Oksanka", "Kateryna": "Katya", "Oleksandr": "Sasha", "Viktoriia": "Vika"},
        {"Oksana": "Оксана", "Kovalenko": "Коваленко", "Shevchenko": "Шевченко", "Iryna": "Ірина"},
        ("50", "63", "67", "68", "93", "97"), 9, "999999" + "9" * 19, 0, "AA999999", ("ukr.net", "gmail.com"),
        phrases=("де ти", "будь ласка", "дякую", "не можу"),
    ),
    "NG": Origin(
        "NG",
        ("Chiamaka", "Ngozi", "Adaeze", "Funmilayo", "Oluwakemi", "Chinonso", "Ifeoma"),
        ("Chinedu", "Emeka", "Oluwaseun", "Babatunde", "Ikechukwu"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Nwosu", "Eze", "Oyelaran", "Onyekachi"),
        {"Oluwakemi": "Kemi", "Babatunde": "Tunde", "Chiamaka": "Amaka", "Ikechukwu": "Ike"},
        {},
        ("803", "806", "813", "703", "805"), 10, None, 10, "A99999999", ("gmail.com", "yahoo.com"),
        phrases=("abeg", "wetin dey happen", "no wahala", "how far"),
    ),
    "VN": Origin(
        "VN",
        ("Thị Lan", "Thị Hương", "Thị Thảo", "Ngọc Linh", "Thu Trang"),
        ("Văn Hùng", "Minh Tuấn", "Đức Dũng", "Quang Huy"),
        ("Nguyễn", "Trần", "Phạm", "Hoàng", "Đặng", "Bùi"),
        {"Thị Lan": "Lan", "Thị Hương": "Hương", "Thu Trang": "Trang", "Minh Tuấn": "Tuấn"},
        {},
        ("90", "91", "98", "97", "86"), 9, None, 12, "A9999999", ("gmail.com", "yahoo.com.vn"),
        surname_first=True,
        phrases=("anh ơi", "em không biết", "cảm ơn", "đi đâu"),
    ),
    "TH": Origin(
        "TH",
        ("Siriporn", "Nattaya", "Kanyarat", "Pimchanok", "Wanida"),
        ("Somchai", "Anucha", "Kittisak", "Thanawat"),
        ("Srisuk", "Chaiyaporn", "Wongsawat", "Rattanakorn", "Boonmee", "Saetang"),
        {"Pimchanok": "Pim", "Nattaya": "Nat", "Kanyarat": "Ploy", "Somchai": "Chai"},
        {"Siriporn": "ศิริพร", "Somchai": "สมชาย"},
        ("81", "86", "89", "91", "95"), 9, None, 10, "AA9999999", ("hotmail.com", "gmail.com"),
        phrases=("khob khun ka", "mai pen rai", "pai nai"),
    ),
    "PH": Origin(
        "PH",
        ("Maricel", "Jhoanna", "Rowena", "Jonalyn", "Marites", "Kristine"),
        ("Jomar", "Rodel", "Arnel", "Jerwin"),
        ("Dela Cruz", "Bautista", "Villanueva", "Macaraeg", "Dimaculangan", "Pangilinan"),
        {"Jhoanna": "Joan", "Marites": "Tess", "Kristine": "Tin", "Jerwin": "Win"},
        {},
        ("917", "918", "927", "939", "995"), 10, None, 12, "A9999999A", ("yahoo.com", "gmail.com"),
        phrases=("salamat po", "ingat ka", "nasaan ka na", "sige po"),
    ),
    "MX": Origin(
        "MX",
        ("Guadalupe", "Itzel", "Xóchitl", "Yesenia", "Araceli", "Citlali"),
        ("Jesús", "Alejandro", "Osvaldo", "Rigoberto"),
        ("Hernández", "Ramírez", "Villaseñor", "Cuauhtémoc", "Zúñiga", "Olvera"),
        {"Guadalupe": "Lupita", "Alejandro": "Alex", "Jesús": "Chuy", "Araceli": "Chely"},
        {},
        ("55", "33", "81", "222"), 10, None, 18, "A99999999", ("hotmail.com", "gmail.com"),
        phrases=("oye", "ya voy", "no manches", "gracias", "donde estas"),
    ),
    "VE": Origin(
        "VE",
        ("Yulimar", "Yorgelis", "Mariangel", "Dayana", "Yusmary"),
        ("Yeferson", "Wilmer", "Yonaiker", "Darwin"),
        ("Briceño", "Contreras", "Guevara", "Colmenares", "Uzcátegui"),
        {"Yulimar": "Yuli", "Mariangel": "Mari", "Yeferson": "Yefer"},
        {},
        ("412", "414", "416", "424"), 10, None, 20, "999999999", ("gmail.com", "hotmail.com"),
        phrases=("chama", "vale", "que fino", "ya llego"),
    ),
    "AL": Origin(
        "AL",
        ("Elira", "Arjola", "Besjana", "Drita", "Teuta", "Klodiana"),
        ("Ardit", "Gentian", "Besnik", "Kujtim", "Erion"),
        ("Hoxha", "Shehu", "Krasniqi", "Gashi", "Berisha", "Dervishi", "Çela"),
        {"Klodiana": "Klodi", "Gentian": "Genti", "Arjola": "Ari"},
        {},
        ("67", "68", "69"), 9, "99999999" + "9" * 16, 0, "AA9999999", ("gmail.com", "hotmail.com"),
        phrases=("ku je", "faleminderit", "te lutem", "po vij"),
    ),
    "CN": Origin(
        "CN",
        ("Xiaoling", "Meimei", "Jiayi", "Xiuying", "Yuting"),
        ("Zhiwei", "Haoran", "Junjie", "Zihao"),
        ("Wang", "Zhang", "Zhao", "Huang", "Zhou", "Xu"),
        {"Xiaoling": "Lingling", "Jiayi": "Yiyi"},
        {"Wang": "王", "Xiaoling": "晓玲", "Zhang": "张", "Meimei": "美美"},
        ("135", "138", "139", "186"), 11, None, 16, "E99999999", ("qq.com", "163.com"),
        surname_first=True,
        phrases=("ni zai na", "xie xie", "mei wenti"),
    ),
}

# Where the exploitation happens: the destination side of the cases (kept words, not identifiers).
DESTINATIONS = {
    "GB": ("Slough", "Luton", "Leicester", "Bradford"),
    "ES": ("Almería", "Murcia"),
    "DE": ("Duisburg", "Köln"),
}

# Clients, drivers and landlords met at the destination: not in any roster.
LOCAL_FIRST = ("Dave", "Gareth", "Trevor", "Kevin", "Shaun", "Pedro", "Jürgen", "Dieter", "Fernando")
LOCAL_LAST = ("Morgan", "Pritchard", "Hollis", "Whitfield", "Ortega", "Brandt", "Kowalczyk")

# The destination side's phone numbers (clients, drivers): UK mobiles.
LOCAL = Origin("GB", (), (), (), {}, {}, ("74", "75", "77", "78", "79"), 10, None, 8, "999999999", ("gmail.com",))
