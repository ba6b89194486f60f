"""``typing.NamedTuple``'s class syntax without importing :mod:`typing`.

Importing :mod:`typing` (which imports :mod:`re`) costs about 7 ms, a tenth
of a ``btfkit gen`` run and more than anything else btfkit imports; btfkit
uses typing only for annotations, which the type checker reads, and for
NamedTuple classes, which are plain :func:`collections.namedtuple` classes
at runtime.  So modules write::

    from ._namedtuple import NamedTuple

    class Section(NamedTuple):
        name: str
        offset: int = 0

and a type checker sees typing's NamedTuple, while the interpreter builds
the class as typing's ``NamedTupleMeta`` does: ``collections.namedtuple`` of
the annotated fields, in order, the assigned ones as defaults, then every
other attribute of the class body (docstring, methods, properties) set on
it.  ``tests/test_namedtuple.py`` holds the two equal, class by class.

Annotations are kept as written (strings under ``from __future__ import
annotations``); typing would turn them into objects, which nothing in
btfkit reads.
"""

from __future__ import annotations

from collections import namedtuple as _namedtuple

__all__ = ["NamedTuple"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # names a class body may not define (typing's _prohibited), and those
    # namedtuple sets itself (typing's _special)
    _PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                             "_field_defaults", "_make", "_replace", "_asdict", "_source"})
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _NamedTupleMeta(type):
        def __new__(mcls, typename, bases, ns):
            if not bases:  # NamedTuple itself
                return super().__new__(mcls, typename, bases, ns)
            if bases != (NamedTuple,):
                raise TypeError("can only inherit from a NamedTuple type")
            annotations = ns.get("__annotations__", {})
            defaults = []
            for field in annotations:
                if field in ns:
                    defaults.append(ns[field])
                elif defaults:
                    raise TypeError(f"Non-default namedtuple field {field} cannot follow a default field")
            cls = _namedtuple(typename, list(annotations), defaults=defaults, module=ns["__module__"])
            cls.__annotations__ = cls.__new__.__annotations__ = dict(annotations)
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in cls._fields:
                    setattr(cls, key, value)
            return cls

    class NamedTuple(metaclass=_NamedTupleMeta):
        """Base of btfkit's named tuples (see the module's docstring)."""
