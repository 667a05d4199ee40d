"""The school's principles: the school's own value of a rule, one row per rule changed.

The preset the school chose is a :class:`~.school.Setting` (``principles.preset``);
a rule without a row here has the preset's value (or the default). The values are the
texts of :func:`skolehjem_desktop.domain.principles.format_value`.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from skolehjem_desktop.domain.limits import SETTING_KEY_MAX, SHORT_MAX
from skolehjem_desktop.store.models.base import Base, _maxlen


class Principle(Base):
    __tablename__ = "principle"
    rule: Mapped[str] = mapped_column(String(SETTING_KEY_MAX), primary_key=True)
    value: Mapped[str] = mapped_column(String(SHORT_MAX))
    __table_args__ = (
        CheckConstraint("length(trim(rule)) > 0", name="rule_not_empty"),
        _maxlen("value", SHORT_MAX),
    )
