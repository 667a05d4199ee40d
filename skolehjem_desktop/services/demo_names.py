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


def _names(text: str) -> tuple[str, ...]:
    """A comma-separated list of names as a tuple (names may hold spaces: "Thị Minh")."""
    return tuple(part.strip() for part in text.split(","))


DANISH: Final = Background(
    key="danish",
    weight=690,
    girls=_names(
        "Ida, Freja, Emma, Alma, Clara, Ella, Agnes, Sofia, Karla, Lærke, Olivia, Josefine, Asta, "
        "Luna, Maja, Nora, Mathilde, Sigrid, Esther, Liva, Vigga, Othilia, Selma, Frida, Ellen, "
        "Johanne, Signe, Anna, Marie, Tilde, Solvej, Bjørk, Søs, Kamma"
    ),
    boys=_names(
        "Søren, Mads, Emil, Noah, William, Oscar, Carl, Alfred, Valdemar, Aksel, Magnus, Malthe, "
        "Villads, Lucas, Elias, Frederik, August, Anton, Victor, Storm, Bjørn, Asger, Jens, Otto, "
        "Konrad, Ejner, Mikkel, Rasmus, Tobias, Laurits, Sebastian, Sigurd, Gustav, Thor"
    ),
    women=_names(
        "Mette, Anne, Louise, Camilla, Maria, Rikke, Line, Stine, Tina, Helle, Sofie, Maiken, "
        "Trine, Lene, Pernille, Charlotte, Malene, Sanne, Birgitte, Julie, Nanna, Signe, Karen, "
        "Marianne, Dorte"
    ),
    men=_names(
        "Jens, Thomas, Martin, Lars, Anders, Rasmus, Morten, Christian, Søren, Jesper, Henrik, "
        "Mikkel, Kasper, Jakob, Peter, Michael, Bo, Ulrik, Kristian, Torben, Jørgen, Steffen, "
        "Bjarke, Nikolaj"
    ),
    surnames=_names(
        "Hansen, Nielsen, Jensen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen, "
        "Jørgensen, Petersen, Madsen, Kristensen, Olsen, Thomsen, Poulsen, Johansen, Møller, "
        "Mortensen, Knudsen, Østergaard, Nørgaard, Søgaard, Bækgaard, Kjær, Dyrbæk, Lykkegård, "
        "Ærtebjerg, Ærenlund, Frølund, Skovgård, Bech, Holm, Lund, Vestergaard, Dahl, Brøndum, "
        "Højgaard, Winther, Juhl, Krogh, Friis, Bøgh, Ærø"
    ),
    english_share=0.03,
)

POLISH: Final = Background(
    key="polish",
    weight=55,
    girls=_names("Zofia, Wiktoria, Zuzanna, Łucja, Maja, Julia, Hanna, Oliwia, Alicja"),
    boys=_names("Łukasz, Mateusz, Jakub, Kacper, Szymon, Wojciech, Michał, Paweł, Bartłomiej"),
    women=_names("Małgorzata, Agnieszka, Katarzyna, Joanna, Magdalena, Ewa, Dorota"),
    men=_names("Łukasz, Tomasz, Piotr, Krzysztof, Grzegorz, Marcin, Paweł"),
    surnames=_names(
        "Ćwikła, Nowak, Wójcik, Kowalczyk, Woźniak, Mazur, Krawczyk, Kaczmarek, Zając, Pietrzak, "
        "Król, Wróbel, Gołąb"
    ),
    english_share=0.3,
)

TURKISH: Final = Background(
    key="turkish",
    weight=50,
    girls=_names("Ayşe, Elif, Zeynep, Büşra, Merve, Ece, Defne, Nisanur, İpek"),
    boys=_names("Mehmet, Emre, Yusuf, Burak, Çağan, Kerem, Oğuz, Eymen, Ömer"),
    women=_names("Ayşe, Fatma, Emine, Hatice, Gülşen, Özlem, Songül"),
    men=_names("Mustafa, Hüseyin, İbrahim, Murat, Serkan, Gökhan, Erdoğan"),
    surnames=_names(
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, Doğan, Kılıç, Arslan, Güneş, Koç"
    ),
    english_share=0.12,
)

VIETNAMESE: Final = Background(
    key="vietnamese",
    weight=25,
    girls=_names("Thị Minh, Ngọc Anh, Thu Hương, Khánh Linh, Phương Thảo, Bảo Ngọc, Mai Chi"),
    boys=_names("Minh Đức, Quang Huy, Bảo Long, Gia Huy, Đức Anh, Hoàng Nam, Tuấn Kiệt"),
    women=_names("Thị Lan, Thị Hồng, Thanh Hà, Thị Mỹ, Ngọc Hạnh"),
    men=_names("Văn Hùng, Quốc Bảo, Minh Tuấn, Văn Thắng, Đình Phúc"),
    surnames=_names("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi, Đỗ, Huỳnh"),
    english_share=0.35,
)

ARABIC: Final = Background(
    key="arabic",
    weight=55,
    girls=_names("Fatima, Maryam, Noor, Aisha, Layla, Sara, Amira, Hiba, Yasmin, Rawan"),
    boys=_names("Mohammad, Ahmad, Omar, Yousef, Ali, Hamza, Karim, Adam, Ibrahim, Zaid"),
    women=_names("Fatima, Rania, Huda, Samira, Nadia, Lina, Manal"),
    men=_names("Khaled, Mahmoud, Hassan, Samir, Tarek, Walid, Bilal"),
    surnames=_names(
        "Al-Hassan, Haddad, Khalil, Saleh, Abdallah, Nasser, Mansour, El-Sayed, Hamdan, Darwish, "
        "Qasim"
    ),
    english_share=0.15,
)

SOMALI: Final = Background(
    key="somali",
    weight=25,
    girls=_names("Hodan, Ayaan, Sahra, Hibo, Ifrah, Nasra, Fadumo, Ubah"),
    boys=_names("Abdirahman, Mohamed, Abdullahi, Hassan, Liban, Yahye, Guled"),
    women=_names("Amina, Khadra, Faadumo, Halima, Sagal"),
    men=_names("Abdi, Mahad, Osman, Farah, Ahmed"),
    surnames=_names("Warsame, Farah, Jama, Abdi, Yusuf, Hirsi, Osman, Ali, Egal"),
    english_share=0.25,
)

UKRAINIAN: Final = Background(
    key="ukrainian",
    weight=40,
    girls=_names("Sofiia, Anastasiia, Daryna, Solomiia, Yuliia, Zlata, Veronika"),
    boys=_names("Oleksandr, Dmytro, Andrii, Maksym, Bohdan, Taras, Yaroslav"),
    women=_names("Olena, Iryna, Tetiana, Nataliia, Oksana, Svitlana"),
    men=_names("Serhii, Volodymyr, Mykola, Oleh, Vasyl, Ihor"),
    surnames=_names(
        "Kovalenko, Shevchenko, Bondarenko, Tkachenko, Melnyk, Kravchenko, Boiko, Ponomarenko, "
        "Savchuk, Marchenko"
    ),
    english_share=0.4,
)

FAROESE: Final = Background(
    key="faroese",
    weight=15,
    girls=_names("Rannvá, Guðrun, Sólja, Ásla, Turið, Marjun, Bjørg"),
    boys=_names("Rókur, Brandur, Hanus, Sjúrður, Tróndur, Jógvan, Bárður"),
    women=_names("Ragnhild, Jóhanna, Elin, Herborg, Sigrið"),
    men=_names("Heðin, Rógvi, Eyðun, Jákup, Símun"),
    surnames=_names("Joensen, Jacobsen, Dalsgarð, Mikkelsen, Poulsen, Højgaard, Djurhuus"),
    english_share=0.0,
)

GREENLANDIC: Final = Background(
    key="greenlandic",
    weight=15,
    girls=_names("Naja, Pipaluk, Ivalo, Nivi, Aviaja, Paninnguaq, Arnaq"),
    boys=_names("Inuk, Malik, Aputsiaq, Nuka, Kunuk, Minik, Salik"),
    women=_names("Nivi, Ane, Karen, Kirsten, Aaja"),
    men=_names("Hans, Jens, Aqqaluk, Kaspar, Niels"),
    surnames=_names("Kleist, Lynge, Berthelsen, Heilmann, Motzfeldt, Kreutzmann, Olsen"),
    english_share=0.0,
)

IRANIAN_KURDISH: Final = Background(
    key="iranian_kurdish",
    weight=20,
    girls=_names("Darya, Shirin, Berivan, Roja, Nazanin, Hêvî"),
    boys=_names("Arman, Zana, Rezan, Kian, Dilan, Aram"),
    women=_names("Leyla, Parisa, Gulistan, Shahla, Zîlan"),
    men=_names("Kamran, Dara, Reza, Şêrko, Behzad"),
    surnames=_names("Ahmadi, Rahimi, Hosseini, Karimi, Mahmoudi, Barzani"),
    english_share=0.15,
)

GERMAN: Final = Background(
    key="german",
    weight=10,
    girls=_names("Lena, Mia, Hannah, Greta, Charlotte"),
    boys=_names("Jonas, Lukas, Paul, Felix, Maximilian"),
    women=_names("Katrin, Sabine, Anja, Birgit"),
    men=_names("Jürgen, Stefan, Matthias, Uwe"),
    surnames=_names("Müller, Schröder, Weiß, Groß, Köhler, Bäcker"),
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
