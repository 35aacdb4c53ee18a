"""Why a file was refused: each a Dutch sentence saying what happened and what to do."""

from __future__ import annotations

from planner.errors import PlannerError


class ExchangeError(PlannerError):
    """A file that cannot be read, verified or imported; nothing was changed."""


class DamagedFileError(ExchangeError):
    pass


class WrongKeyError(ExchangeError):
    pass


class SignatureError(ExchangeError):
    pass


class UnknownSignerError(ExchangeError):
    pass


class FormatVersionError(ExchangeError):
    pass


class SchemaError(ExchangeError):
    pass
