"""Terminal views shared by ``tree``, ``layout``, ``find`` and ``info``.

- :mod:`.console` — the rich Console policy: colour only on a terminal and
  never with ``NO_COLOR``; unicode guides with an ASCII fallback.
- :mod:`.ctype` — the C declaration of a member, as the C printer writes it.
- :mod:`.resolve` — TYPE arguments (name or id, ``--kind``) to one id.
- :mod:`.tree` — the member tree of a type: a plain model (JSON) and a rich Tree.
- :mod:`.tables` — find and info tables.

rich is imported inside functions only, so importing this package is cheap.
Every label is a ``rich.text.Text`` built from plain strings: a BTF name such
as ``[bold]`` prints as it is.
"""
