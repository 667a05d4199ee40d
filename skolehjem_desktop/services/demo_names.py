"""Names for the demo data: pupils and parents from Denmark's many backgrounds, and teachers.

All names are common given names and family names; no person is meant. The lists
are deliberately rich in letters beyond ASCII (æ ø å, Ł ć ę, ş ı ğ, ễ ị ạ, ð ú á),
so that every screen and every PDF is tried with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Background:
    """The names of one background, and how often it occurs at the demo school."""

    key: str
    weight: int
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]
    english_share: float  # how often a parent of this background prefers English


DANISH: Final = Background(
    key="danish",
    weight=690,
    girls=(
        "Ida",
        "Freja",
        "Emma",
        "Alma",
        "Clara",
        "Ella",
        "Agnes",
        "Sofia",
        "Karla",
        "Lærke",
        "Olivia",
        "Josefine",
        "Asta",
        "Luna",
        "Maja",
        "Nora",
        "Mathilde",
        "Sigrid",
        "Esther",
        "Liva",
        "Vigga",
        "Othilia",
        "Selma",
        "Frida",
        "Ellen",
        "Johanne",
        "Signe",
        "Anna",
        "Marie",
        "Tilde",
        "Solvej",
        "Bjørk",
        "Søs",
        "Kamma",
    ),
    boys=(
        "Søren",
        "Mads",
        "Emil",
        "Noah",
        "William",
        "Oscar",
        "Carl",
        "Alfred",
        "Valdemar",
        "Aksel",
        "Magnus",
        "Malthe",
        "Villads",
        "Lucas",
        "Elias",
        "Frederik",
        "August",
        "Anton",
        "Victor",
        "Storm",
        "Bjørn",
        "Asger",
        "Jens",
        "Otto",
        "Konrad",
        "Ejner",
        "Mikkel",
        "Rasmus",
        "Tobias",
        "Laurits",
        "Sebastian",
        "Sigurd",
        "Gustav",
        "Thor",
    ),
    women=(
        "Mette",
        "Anne",
        "Louise",
        "Camilla",
        "Maria",
        "Rikke",
        "Line",
        "Stine",
        "Tina",
        "Helle",
        "Sofie",
        "Maiken",
        "Trine",
        "Lene",
        "Pernille",
        "Charlotte",
        "Malene",
        "Sanne",
        "Birgitte",
        "Julie",
        "Nanna",
        "Signe",
        "Karen",
        "Marianne",
        "Dorte",
    ),
    men=(
        "Jens",
        "Thomas",
        "Martin",
        "Lars",
        "Anders",
        "Rasmus",
        "Morten",
        "Christian",
        "Søren",
        "Jesper",
        "Henrik",
        "Mikkel",
        "Kasper",
        "Jakob",
        "Peter",
        "Michael",
        "Bo",
        "Ulrik",
        "Kristian",
        "Torben",
        "Jørgen",
        "Steffen",
        "Bjarke",
        "Nikolaj",
    ),
    surnames=(
        "Hansen",
        "Nielsen",
        "Jensen",
        "Pedersen",
        "Andersen",
        "Christensen",
        "Larsen",
        "Sørensen",
        "Rasmussen",
        "Jørgensen",
        "Petersen",
        "Madsen",
        "Kristensen",
        "Olsen",
        "Thomsen",
        "Poulsen",
        "Johansen",
        "Møller",
        "Mortensen",
        "Knudsen",
        "Østergaard",
        "Nørgaard",
        "Søgaard",
        "Bækgaard",
        "Kjær",
        "Dyrbæk",
        "Lykkegård",
        "Ærtebjerg",
        "Ærenlund",
        "Frølund",
        "Skovgård",
        "Bech",
        "Holm",
        "Lund",
        "Vestergaard",
        "Dahl",
        "Brøndum",
        "Højgaard",
        "Winther",
        "Juhl",
        "Krogh",
        "Friis",
        "Bøgh",
        "Ærø",
    ),
    english_share=0.03,
)

POLISH: Final = Background(
    key="polish",
    weight=55,
    girls=("Zofia", "Wiktoria", "Zuzanna", "Łucja", "Maja", "Julia", "Hanna", "Oliwia", "Alicja"),
    boys=(
        "Łukasz",
        "Mateusz",
        "Jakub",
        "Kacper",
        "Szymon",
        "Wojciech",
        "Michał",
        "Paweł",
        "Bartłomiej",
    ),
    women=("Małgorzata", "Agnieszka", "Katarzyna", "Joanna", "Magdalena", "Ewa", "Dorota"),
    men=("Łukasz", "Tomasz", "Piotr", "Krzysztof", "Grzegorz", "Marcin", "Paweł"),
    surnames=(
        "Ćwikła",
        "Nowak",
        "Wójcik",
        "Kowalczyk",
        "Woźniak",
        "Mazur",
        "Krawczyk",
        "Kaczmarek",
        "Zając",
        "Pietrzak",
        "Król",
        "Wróbel",
        "Gołąb",
    ),
    english_share=0.30,
)

TURKISH: Final = Background(
    key="turkish",
    weight=50,
    girls=("Ayşe", "Elif", "Zeynep", "Büşra", "Merve", "Ece", "Defne", "Nisanur", "İpek"),
    boys=("Mehmet", "Emre", "Yusuf", "Burak", "Çağan", "Kerem", "Oğuz", "Eymen", "Ömer"),
    women=("Ayşe", "Fatma", "Emine", "Hatice", "Gülşen", "Özlem", "Songül"),
    men=("Mustafa", "Hüseyin", "İbrahim", "Murat", "Serkan", "Gökhan", "Erdoğan"),
    surnames=(
        "Yılmaz",
        "Kaya",
        "Demir",
        "Şahin",
        "Çelik",
        "Öztürk",
        "Aydın",
        "Doğan",
        "Kılıç",
        "Arslan",
        "Güneş",
        "Koç",
    ),
    english_share=0.12,
)

VIETNAMESE: Final = Background(
    key="vietnamese",
    weight=25,
    girls=("Thị Minh", "Ngọc Anh", "Thu Hương", "Khánh Linh", "Phương Thảo", "Bảo Ngọc", "Mai Chi"),
    boys=("Minh Đức", "Quang Huy", "Bảo Long", "Gia Huy", "Đức Anh", "Hoàng Nam", "Tuấn Kiệt"),
    women=("Thị Lan", "Thị Hồng", "Thanh Hà", "Thị Mỹ", "Ngọc Hạnh"),
    men=("Văn Hùng", "Quốc Bảo", "Minh Tuấn", "Văn Thắng", "Đình Phúc"),
    surnames=("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Huỳnh"),
    english_share=0.35,
)

ARABIC: Final = Background(
    key="arabic",
    weight=55,
    girls=(
        "Fatima",
        "Maryam",
        "Noor",
        "Aisha",
        "Layla",
        "Sara",
        "Amira",
        "Hiba",
        "Yasmin",
        "Rawan",
    ),
    boys=(
        "Mohammad",
        "Ahmad",
        "Omar",
        "Yousef",
        "Ali",
        "Hamza",
        "Karim",
        "Adam",
        "Ibrahim",
        "Zaid",
    ),
    women=("Fatima", "Rania", "Huda", "Samira", "Nadia", "Lina", "Manal"),
    men=("Khaled", "Mahmoud", "Hassan", "Samir", "Tarek", "Walid", "Bilal"),
    surnames=(
        "Al-Hassan",
        "Haddad",
        "Khalil",
        "Saleh",
        "Abdallah",
        "Nasser",
        "Mansour",
        "El-Sayed",
        "Hamdan",
        "Darwish",
        "Qasim",
    ),
    english_share=0.15,
)

SOMALI: Final = Background(
    key="somali",
    weight=25,
    girls=("Hodan", "Ayaan", "Sahra", "Hibo", "Ifrah", "Nasra", "Fadumo", "Ubah"),
    boys=("Abdirahman", "Mohamed", "Abdullahi", "Hassan", "Liban", "Yahye", "Guled"),
    women=("Amina", "Khadra", "Faadumo", "Halima", "Sagal"),
    men=("Abdi", "Mahad", "Osman", "Farah", "Ahmed"),
    surnames=("Warsame", "Farah", "Jama", "Abdi", "Yusuf", "Hirsi", "Osman", "Ali", "Egal"),
    english_share=0.25,
)

UKRAINIAN: Final = Background(
    key="ukrainian",
    weight=40,
    girls=("Sofiia", "Anastasiia", "Daryna", "Solomiia", "Yuliia", "Zlata", "Veronika"),
    boys=("Oleksandr", "Dmytro", "Andrii", "Maksym", "Bohdan", "Taras", "Yaroslav"),
    women=("Olena", "Iryna", "Tetiana", "Nataliia", "Oksana", "Svitlana"),
    men=("Serhii", "Volodymyr", "Mykola", "Oleh", "Vasyl", "Ihor"),
    surnames=(
        "Kovalenko",
        "Shevchenko",
        "Bondarenko",
        "Tkachenko",
        "Melnyk",
        "Kravchenko",
        "Boiko",
        "Ponomarenko",
        "Savchuk",
        "Marchenko",
    ),
    english_share=0.40,
)

FAROESE: Final = Background(
    key="faroese",
    weight=15,
    girls=("Rannvá", "Guðrun", "Sólja", "Ásla", "Turið", "Marjun", "Bjørg"),
    boys=("Rókur", "Brandur", "Hanus", "Sjúrður", "Tróndur", "Jógvan", "Bárður"),
    women=("Ragnhild", "Jóhanna", "Elin", "Herborg", "Sigrið"),
    men=("Heðin", "Rógvi", "Eyðun", "Jákup", "Símun"),
    surnames=("Joensen", "Jacobsen", "Dalsgarð", "Mikkelsen", "Poulsen", "Højgaard", "Djurhuus"),
    english_share=0.0,
)

GREENLANDIC: Final = Background(
    key="greenlandic",
    weight=15,
    girls=("Naja", "Pipaluk", "Ivalo", "Nivi", "Aviaja", "Paninnguaq", "Arnaq"),
    boys=("Inuk", "Malik", "Aputsiaq", "Nuka", "Kunuk", "Minik", "Salik"),
    women=("Nivi", "Ane", "Karen", "Kirsten", "Aaja"),
    men=("Hans", "Jens", "Aqqaluk", "Kaspar", "Niels"),
    surnames=("Kleist", "Lynge", "Berthelsen", "Heilmann", "Motzfeldt", "Kreutzmann", "Olsen"),
    english_share=0.0,
)

IRANIAN_KURDISH: Final = Background(
    key="iranian_kurdish",
    weight=20,
    girls=("Darya", "Shirin", "Berivan", "Roja", "Nazanin", "Hêvî"),
    boys=("Arman", "Zana", "Rezan", "Kian", "Dilan", "Aram"),
    women=("Leyla", "Parisa", "Gulistan", "Shahla", "Zîlan"),
    men=("Kamran", "Dara", "Reza", "Şêrko", "Behzad"),
    surnames=("Ahmadi", "Rahimi", "Hosseini", "Karimi", "Mahmoudi", "Barzani"),
    english_share=0.15,
)

GERMAN: Final = Background(
    key="german",
    weight=10,
    girls=("Lena", "Mia", "Hannah", "Greta", "Charlotte"),
    boys=("Jonas", "Lukas", "Paul", "Felix", "Maximilian"),
    women=("Katrin", "Sabine", "Anja", "Birgit"),
    men=("Jürgen", "Stefan", "Matthias", "Uwe"),
    surnames=("Müller", "Schröder", "Weiß", "Groß", "Köhler", "Bäcker"),
    english_share=0.2,
)

BACKGROUNDS: Final = (
    DANISH,
    POLISH,
    TURKISH,
    VIETNAMESE,
    ARABIC,
    SOMALI,
    UKRAINIAN,
    FAROESE,
    GREENLANDIC,
    IRANIAN_KURDISH,
    GERMAN,
)

# Family names in these backgrounds come first in the person's own language; in Danish
# records they are kept as last name all the same.
FAMILY_NAME_FIRST: Final = frozenset({"vietnamese"})

USER_TEACHER: Final = ("Mette Kjær Hansen", "MKH")

# The other teachers at the school: name and initials (unique).
TEACHERS: Final = (
    ("Anders Bøgh Nielsen", "ABN"),
    ("Birgitte Holm", "BH"),
    ("Camilla Østergaard", "CØ"),
    ("Dorthe Lund Jensen", "DLJ"),
    ("Erik Søndergaard", "ES"),
    ("Frederik Munk", "FM"),
    ("Gitte Bach", "GB"),
    ("Hanne Vestergaard", "HV"),
    ("Inge-Lise Dahl", "ILD"),
    ("Jakob Friis", "JF"),
    ("Karina Thomsen", "KT"),
    ("Lars Brøndum", "LB"),
    ("Maria Eskildsen", "ME"),
    ("Niels Kragh", "NK"),
    ("Pernille Skov", "PS"),
    ("Rasmus Holt", "RH"),
    ("Susanne Juhl", "SJ"),
    ("Thomas Winther", "TW"),
    ("Ulla Bech", "UB"),
    ("Vibeke Mortensen", "VM"),
    ("Ahmed Jaber", "AJ"),
    ("Katarzyna Nowak", "KN"),
    ("Jonas Ravn", "JR"),
    ("Line Krogh", "LK"),
    ("Henrik Ærenlund", "HÆ"),
    ("Lene Frost", "LF"),
)

# How letters outside ASCII are written in an e-mail address.
_ASCII: Final = {
    "æ": "ae",
    "ø": "oe",
    "å": "aa",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ı": "i",
    "ß": "ss",
    "þ": "th",
    "ü": "ue",
    "ö": "oe",
    "ä": "ae",
}


def ascii_slug(text: str) -> str:
    """``Łukasz Ćwikła`` -> ``lukasz.cwikla``: lower case ASCII for an e-mail address."""
    import unicodedata

    out: list[str] = []
    for ch in text.lower():
        if ch in _ASCII:
            out.append(_ASCII[ch])
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if part.isascii() and (part.isalnum() or part in " -"):
                out.append(part)
    words = "".join(out).replace("-", " ").split()
    return ".".join(words)
