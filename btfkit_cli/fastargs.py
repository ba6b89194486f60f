"""Plain command lines read without argparse.

Importing argparse costs a command about 5-8 ms (it brings gettext, locale
and ``re``), a sizeable part of a view such as ``btfkit tree task_struct``
(about 150 ms in all).  A command module declares the plain form of its
command line once, as a :class:`PlainSyntax` next to its ``add_arguments``,
and its ``fast_args(argv)`` returns :meth:`PlainSyntax.read`'s namespace:
exactly what argparse would give (every dest, every default, the same
converted values) or ``None``, and main() then hands the line to argparse
(help, errors, ``--opt=VALUE``, abbreviations, clustered short options,
values starting with '-', and the rare forms this reader does not know).

The tests check each command's reader against its argparse parser on
thousands of random command lines (tests/test_gen.py, tests/test_fast_args.py).
"""

from __future__ import annotations

from types import SimpleNamespace

TYPE_CHECKING = False  # not typing's: see btfkit/_namedtuple.py
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


class PlainSyntax:
    """The plain form of one command line.

    ``positionals``: (dest, optional) in order, as argparse declares them; an
    optional one is ``nargs="?"`` (its default comes from ``defaults``), the
    others take exactly one word.  ``flags``: each option spelling of a
    ``store_true`` option -> its dest.  ``values``: each spelling of an option
    that takes one value -> (dest, converter); the converter is argparse's
    ``type=`` (``None``: the text itself) and anything it raises makes the
    line argparse's.  ``defaults``: every dest's default, the namespace before
    the line is read (argparse's defaults, including ``--debug``'s).
    ``once``: dests whose option may appear only once (their second
    occurrence is argparse's error); other value options keep their last
    value, as argparse does.
    """

    __slots__ = ("positionals", "flags", "values", "defaults", "once")

    def __init__(self, positionals: tuple[tuple[str, bool], ...], flags: Mapping[str, str],
                 values: Mapping[str, tuple[str, Callable[[str], object] | None]],
                 defaults: Mapping[str, object], once: frozenset[str] = frozenset()) -> None:
        self.positionals = positionals
        self.flags = flags
        self.values = values
        self.defaults = defaults
        self.once = once

    def read(self, argv: list[str]) -> SimpleNamespace | None:
        """argparse's namespace for ``argv`` (the words after the command),
        or None when ``argv`` is not a plain line.

        Plain: options spelt in full as declared, each value a separate word
        not starting with '-'; the positional words in one run (before,
        after or between no options), optionally after a single ``--``, none
        starting with '-'; as many of them as the positionals take."""
        ns = dict(self.defaults)
        words: list[str] = []
        seen: set[str] = set()
        run_ended = False  # an option came after the positional words
        i = 0
        n = len(argv)
        while i < n:
            a = argv[i]
            if a == "--":
                # the rest are positional words: at least one, none like an option
                rest = argv[i + 1:]
                if words or not rest or any(w.startswith("-") for w in rest):
                    return None
                words = rest
                break
            if a.startswith("-"):
                if words:
                    run_ended = True
                dest = self.flags.get(a)
                if dest is not None:
                    ns[dest] = True
                    i += 1
                    continue
                spec = self.values.get(a)
                if spec is None or i + 1 >= n or argv[i + 1].startswith("-"):
                    return None
                dest, convert = spec
                if dest in self.once and dest in seen:
                    return None
                seen.add(dest)
                value: object = argv[i + 1]
                if convert is not None:
                    try:
                        value = convert(argv[i + 1])
                    except Exception:  # argparse reports it
                        return None
                ns[dest] = value
                i += 2
                continue
            if run_ended:
                return None  # a second run of positional words: argparse's leftovers
            words.append(a)
            i += 1
        # argparse's greedy match: the required positionals take one word each,
        # the optional ones (in order) the words left over
        required = sum(1 for _, optional in self.positionals if not optional)
        spare = len(words) - required
        if spare < 0 or spare > len(self.positionals) - required:
            return None
        it = iter(words)
        for dest, optional in self.positionals:
            if optional:
                if spare == 0:
                    continue
                spare -= 1
            ns[dest] = next(it)
        return SimpleNamespace(**ns)
