"""Checks of the arguments the entry points share, made before any work: a wrong
one is named at the call, not where it first meets the text (or a worker, or a
cluster)."""

from __future__ import annotations

import datetime as _dt


def check_int(name: str, value: object, least: int) -> int:
    """``value``, if it is an int (not a bool) of at least ``least``; else raise."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < least:
        raise ValueError(f"{name} must be {least} or more, not {value}")
    return value


def check_reference_date(value: object) -> None:
    """Raise unless ``value`` can be a reference date: ``None``, a ``date`` or a ``datetime``."""
    if value is not None and not isinstance(value, _dt.date):
        hint = f" (datetime.date.fromisoformat({value!r}) makes one)" if isinstance(value, str) else ""
        raise TypeError(
            f"reference_date must be a datetime.date or datetime.datetime, not {type(value).__name__}{hint}"
        )


DATE_ORDERS = ("MDY", "DMY")


def check_date_order(value: object) -> None:
    """Raise unless ``value`` can be a date order: ``None``, ``"MDY"`` or ``"DMY"``."""
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"date_order must be a str or None, not {type(value).__name__}")
    if value not in DATE_ORDERS:
        raise ValueError(
            f"date_order must be 'MDY', 'DMY' or None, not {value!r} (a date that starts with "
            "its year reads year, month, day)"
        )
