"""``principles list|show|use|set``: the school's principles on the command line.

``principles list [--json]`` names the presets (name, title, ``active``); ``principles
show [--json]`` gives every rule with its value in force (``*`` marks a rule the school
changed from its preset); ``principles use NAME`` takes a preset whole; ``principles set
RULE VALUE`` changes one rule. An unknown preset or rule, or a value the rule does not
take, is refused as one line with exit status 1, and nothing is changed.

Wired into :mod:`skolehjem_desktop.cli` by ``add_parsers(sub)`` and :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from skolehjem_desktop.cli.common import Parser, open_services, print_json, print_table
from skolehjem_desktop.domain.principles import Kind, rule_of
from skolehjem_desktop.i18n import _

if TYPE_CHECKING:
    from skolehjem_desktop.domain.principles import Value
    from skolehjem_desktop.services import Services


def add_parsers(sub: Any) -> None:
    principles = sub.add_parser(
        "principles", help=_("the school's principles for school–home cooperation")
    )
    actions = principles.add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser, required=True
    )
    listing = actions.add_parser("list", help=_("list the presets and which one is in use"))
    listing.add_argument("--json", action="store_true", help=_("print as JSON"))
    show = actions.add_parser("show", help=_("show every rule with its value"))
    show.add_argument("--json", action="store_true", help=_("print as JSON"))
    use = actions.add_parser("use", help=_("use a preset (the rules you changed go back)"))
    use.add_argument("name", metavar="NAME", help=_("the preset, e.g. skoledistrikt-vest"))
    setting = actions.add_parser("set", help=_("set one rule"))
    setting.add_argument("rule", metavar="RULE", help=_("the rule, as principles show names it"))
    setting.add_argument("value", metavar="VALUE", help=_("its new value"))


def _json_value(value: Value) -> Any:
    """A rule's value in JSON: numbers and yes/no as such, sets as sorted lists."""
    import datetime as dt

    from skolehjem_desktop.domain.principles import WEEKDAY_NAMES, MonthDay

    if isinstance(value, MonthDay):
        return f"{value.month:02d}-{value.day:02d}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, frozenset):
        items = sorted(value, key=str)
        return [WEEKDAY_NAMES[v] if isinstance(v, int) else v for v in items]
    return value


def _shown(kind: Kind, text: str) -> str:
    """A value as the table shows it: yes and no in the user's language."""
    if kind is Kind.BOOL:
        return _("yes") if text == "yes" else _("no")
    return text


def _list(services: Services, args: argparse.Namespace) -> None:
    presets = services.principles.presets()
    if args.json:
        print_json([{"name": x.name, "title": x.title, "active": x.active} for x in presets])
        return
    print_table(
        [_("Name"), _("Title"), _("In use")],
        [[x.name, x.title, _("yes") if x.active else ""] for x in presets],
    )
    if not any(x.active for x in presets):
        print(_("No preset is in use: the defaults of the law and common practice hold."))


def _show(services: Services, args: argparse.Namespace) -> None:
    active = services.principles.active()
    lines = services.principles.lines()
    if args.json:
        print_json(
            [
                {
                    "rule": line.rule,
                    "kind": line.kind.value,
                    "value": _json_value(active.value(line.rule)),
                    "changed": line.changed,
                    "explanation": line.explanation,
                }
                for line in lines
            ]
        )
        return
    print_table(
        [_("Rule"), _("Value"), _("What it means")],
        [
            [
                line.rule,
                _shown(line.kind, line.value) + (" *" if line.changed else ""),
                line.explanation,
            ]
            for line in lines
        ],
    )
    if active.changed:
        print(_("* changed from the preset"))


def _use(services: Services, args: argparse.Namespace) -> None:
    active = services.principles.use(args.name)
    title = next(x.title for x in services.principles.presets() if x.name == active.preset)
    print(_("The principles of {title} are in use.").format(title=title))


def _set(services: Services, args: argparse.Namespace) -> None:
    active = services.principles.set(args.rule, args.value)
    rule = rule_of(args.rule)
    value = _shown(rule.kind, active.text(rule.key))
    print(_("{rule} is now {value}.").format(rule=rule.key, value=value))


ACTIONS: dict[str, Callable[[Services, argparse.Namespace], None]] = {
    "list": _list,
    "show": _show,
    "use": _use,
    "set": _set,
}


def cmd_principles(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        ACTIONS[args.action](services, args)
    finally:
        services.close()
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"principles": cmd_principles}
