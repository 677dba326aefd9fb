"""``python -m feedparse_txt``: the same as the ``feedparse-txt`` command."""

from .cli import run

run()
