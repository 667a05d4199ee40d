"""``principles`` as a separate process: the presets, the rules, a preset used, a rule set,
and what is refused (with exit status 1 and nothing changed)."""

from __future__ import annotations

import json


def _rules(cli) -> dict[str, dict]:
    done = cli("principles", "show", "--json")
    assert done.returncode == 0, done.stderr
    return {r["rule"]: r for r in json.loads(done.stdout)}


def test_the_presets_are_listed_and_one_is_used(cli) -> None:
    done = cli("principles", "list", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        {"name": "skoledistrikt-vest", "title": "Skoledistrikt Vest", "active": False},
        {"name": "den-lille-skole", "title": "Den lille Skole", "active": False},
    ]
    done = cli("principles", "use", "den-lille-skole")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "The principles of Den lille Skole are in use."
    listed = json.loads(cli("principles", "list", "--json").stdout)
    assert [p["active"] for p in listed] == [False, True]
    rules = _rules(cli)
    assert rules["reply_working_days"]["value"] == 3
    assert rules["appointment_channels"]["value"] == ["phone", "sms"]
    assert rules["working_weekdays"]["value"] == ["mon", "tue", "wed", "thu", "fri"]
    assert rules["working_hours_end"] == {
        "rule": "working_hours_end",
        "kind": "time",
        "value": "16:00",
        "changed": False,
        "explanation": "When the working day ends; contact after it is outside working hours.",
    }


def test_a_rule_is_set_and_shown_as_changed(cli) -> None:
    assert cli("principles", "use", "skoledistrikt-vest").returncode == 0
    done = cli("principles", "set", "contact_parent_required", "ja")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "contact_parent_required is now yes."
    rules = _rules(cli)
    assert rules["contact_parent_required"]["value"] is True
    assert rules["contact_parent_required"]["changed"] is True
    table = cli("principles", "show").stdout
    line = next(x for x in table.splitlines() if x.startswith("contact_parent_required"))
    assert "yes *" in line and "* changed from the preset" in table


def test_an_unknown_rule_a_bad_value_and_an_unknown_preset_are_refused(cli) -> None:
    assert cli("principles", "use", "den-lille-skole").returncode == 0
    before = cli("principles", "show", "--json").stdout
    for args, words in [
        (("set", "reply_days", "2"), "There is no rule called “reply_days”. The rules are:"),
        (("set", "reply_working_days", "99"), "reply_working_days: 99 is not between 1 and 20."),
        (("set", "working_hours_end", "07:00"), "must end after it starts (08:00–07:00)"),
        (("use", "skole-øst"), "There is no preset called “skole-øst”."),
    ]:
        done = cli("principles", *args)
        assert done.returncode == 1, (args, done.stdout)
        assert words in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert cli("principles", "show", "--json").stdout == before


def test_in_danish(cli) -> None:
    done = cli("principles", "--help", lang="da")
    assert done.returncode == 0, done.stderr
    assert "vis alle regler med deres værdi" in done.stdout
    done = cli("principles", "set", "reply_working_days", "snart", lang="da")
    assert done.returncode == 1
    assert "reply_working_days: “snart” er ikke et helt tal." in done.stderr
    done = cli("principles", "show", lang="da")
    assert "Regel" in done.stdout and "Hvad den betyder" in done.stdout
    assert "Klasseforældrerådet skal vælge en kontaktforælder." in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("contact_parent_required"))
    assert " nej " in line
    done = cli("principles", "set", "parent_council_required", "ja", lang="da")
    assert done.stdout.strip() == "parent_council_required er nu ja."
