"""The demo's pupils and their families: names from many backgrounds, parents together or
apart, a grandparent with custody now and then, and siblings in other classes.

Written in one go through :meth:`StudentService.add_many_in`.
"""

from __future__ import annotations

import datetime as dt

from skolehjem_desktop.domain.enums import Language, Relation
from skolehjem_desktop.services.demo import names
from skolehjem_desktop.services.demo.model import (
    Background,
    Cohort,
    Demo,
    Family,
    Parent,
    Pupil,
    ascii_slug,
)
from skolehjem_desktop.services.schoolyear import SchoolYear
from skolehjem_desktop.services.students import GuardianLink, NewGuardian, NewPupil

# About 8 % of the pupils have a brother or sister in another grade, with the same parents.
SIBLING_PAIRS = 0.04
# Pupils with no ordinary conversation this year yet, and with a required area missing.
MISSING_ORDINARY = 0.15
MISSING_AREA = 0.10


def add_pupils_and_families(demo: Demo) -> None:
    """Every class's pupils, each with a family; a few families have two children here."""
    dice = demo.dice
    lo, hi = demo.size.pupils
    slots: list[Cohort] = []
    for cohort in demo.cohorts:
        slots.extend([cohort] * dice.randint(lo, hi))
    sibling_of, in_pair = _sibling_pairs(demo, slots)
    maker = _Families(demo)
    families: dict[int, Family] = {}
    for index, cohort in enumerate(slots):
        if index in sibling_of:
            family = families[sibling_of[index]]
        else:
            family = maker.family(two_parents=index in in_pair)
        families[index] = family
        maker.pupil(cohort, family)
    n = len(slots)
    demo.missing_ordinary = set(dice.sample(demo.pupils, round(MISSING_ORDINARY * n)))
    demo.missing_area = set(dice.sample(demo.pupils, round(MISSING_AREA * n)))
    maker.write()


def _sibling_pairs(demo: Demo, slots: list[Cohort]) -> tuple[dict[int, int], set[int]]:
    """Pairs of places in different grades: the later place -> the earlier, and all in pairs."""
    dice = demo.dice
    n = len(slots)
    sibling_of: dict[int, int] = {}
    in_pair: set[int] = set()
    wanted = max(1, round(SIBLING_PAIRS * n))
    order = list(range(n))
    dice.shuffle(order)
    for a in order:
        if len(sibling_of) >= wanted:
            break
        if a in in_pair:
            continue
        for _try in range(30):
            b = dice.randrange(n)
            if b not in in_pair and b != a and slots[b].grade_now != slots[a].grade_now:
                first, second = min(a, b), max(a, b)
                sibling_of[second] = first
                in_pair.update((a, b))
                break
    return sibling_of, in_pair


class _Families:
    """Makes the families and pupils, and keeps what the students service is given."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.dice = demo.dice
        self.guardians: list[NewGuardian] = []
        self.parents: list[Parent] = []
        self.pupils: list[NewPupil] = []
        self.emails: set[str] = set()
        self.full_names: set[str] = set()

    def background(self) -> Background:
        return self.dice.choices(names.BACKGROUNDS, weights=[b.weight for b in names.BACKGROUNDS])[
            0
        ]

    def family(self, *, two_parents: bool) -> Family:
        dice = self.dice
        bg = self.background()
        kinds = ("together", "divorced", "non_custodial", "single", "guardian")
        weights = (58, 16, 6, 16, 4) if not two_parents else (75, 25, 0, 0, 0)
        kind = dice.choices(kinds, weights=weights)[0]
        last_name = dice.choice(bg.surnames)
        family = Family(background=bg, last_name=last_name, parents=[])
        if kind == "guardian":
            # A grandparent or foster parent with custody.
            woman = dice.chance(0.7)
            own_name = last_name if dice.chance(0.5) else dice.choice(bg.surnames)
            self.parent(family, bg, woman, own_name, Relation.GUARDIAN, has_custody=True)
            return family
        # The other parent is sometimes of another background.
        other_bg = self.background() if bg is names.DANISH and dice.chance(0.08) else bg
        same_sex = dice.chance(0.04)
        first_relation = Relation.PARENT if same_sex or dice.chance(0.08) else Relation.MOTHER
        second_relation = Relation.PARENT if same_sex or dice.chance(0.08) else Relation.FATHER
        mother_name = (
            last_name if kind == "together" and dice.chance(0.6) else dice.choice(bg.surnames)
        )
        if kind == "single":
            woman = dice.chance(0.75)
            relation = (
                Relation.PARENT
                if dice.chance(0.08)
                else Relation.MOTHER
                if woman
                else Relation.FATHER
            )
            self.parent(family, bg, woman, last_name, relation, has_custody=True)
            return family
        first = (True, mother_name, first_relation, bg)
        second = (same_sex, last_name, second_relation, other_bg)
        if dice.chance(0.5):
            first, second = second, first
        custody = (True, True) if kind != "non_custodial" else (True, False)
        for (woman, surname, relation, background), has_custody in zip(
            (first, second), custody, strict=True
        ):
            self.parent(family, background, woman, surname, relation, has_custody=has_custody)
        return family

    def parent(
        self,
        family: Family,
        bg: Background,
        woman: bool,
        surname: str,
        relation: Relation,
        *,
        has_custody: bool,
    ) -> None:
        dice = self.dice
        first = dice.choice(bg.women if woman else bg.men)
        family_first = bg.key in names.FAMILY_NAME_FIRST
        name = f"{surname} {first}" if family_first else f"{first} {surname}"
        local = ascii_slug(f"{first} {surname}", names.ASCII_LETTERS)
        domain = "example.dk" if dice.chance(0.8) else "example.com"
        email = f"{local}@{domain}"
        n = 2
        while email in self.emails:
            email = f"{local}{n}@{domain}"
            n += 1
        self.emails.add(email)
        r = dice.randint
        phone = f"+45 {r(20, 29)} {r(0, 99):02d} {r(0, 99):02d} {r(0, 99):02d}"
        english = dice.chance(bg.english_share)
        parent = Parent(len(self.guardians), relation, has_custody)
        self.guardians.append(
            NewGuardian(
                name=name,
                email=email if dice.chance(0.96) else None,
                phone=phone if dice.chance(0.95) else None,
                preferred_language=Language.EN if english else Language.DA,
            )
        )
        self.parents.append(parent)
        family.parents.append(parent)

    def pupil(self, cohort: Cohort, family: Family) -> None:
        dice, demo = self.dice, self.demo
        girl = dice.chance(0.5)
        bg = family.background
        first = dice.choice(bg.girls if girl else bg.boys)
        for _try in range(8):
            if f"{first} {family.last_name}" not in self.full_names:
                break
            first = dice.choice(bg.girls if girl else bg.boys)
        self.full_names.add(f"{first} {family.last_name}")
        pupil = Pupil(first, girl, cohort, family)
        cohort.pupils.append(pupil)
        demo.pupils.append(pupil)
        born_year = demo.current - 6 - cohort.grade_now
        born = dt.date(born_year, 1, 1) + dt.timedelta(
            days=dice.randint(0, (dt.date(born_year, 12, 31) - dt.date(born_year, 1, 1)).days)
        )
        years = demo.years_of(cohort)
        created = dt.datetime.combine(
            SchoolYear(years[0]).first_day + dt.timedelta(days=dice.randint(0, 10)),
            dt.time(8, dice.randint(0, 59)),
        )
        self.pupils.append(
            NewPupil(
                first_name=first,
                last_name=family.last_name,
                class_ids=tuple(cohort.class_ids[year] for year in years),
                birth_date=born,
                created_at=min(created, demo.now),
                guardians=tuple(
                    GuardianLink(p.index, p.relation, p.has_custody) for p in family.parents
                ),
            )
        )

    def write(self) -> None:
        """Hand the pupils and guardians to the students service; note the ids it gives."""
        demo = self.demo
        added = demo.services.students.add_many_in(demo.session, self.pupils, self.guardians)
        for pupil, pupil_id in zip(demo.pupils, added.pupil_ids, strict=True):
            pupil.id = pupil_id
        for parent, guardian_id in zip(self.parents, added.guardian_ids, strict=True):
            parent.id = guardian_id
        demo.guardians = len(added.guardian_ids)
