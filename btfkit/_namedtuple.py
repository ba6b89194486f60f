"""``typing.NamedTuple``'s class syntax without importing :mod:`typing`.

Importing :mod:`typing` (which imports :mod:`re`) costs about 7 ms, a tenth
of a ``btfkit gen`` run and more than anything else btfkit imports; btfkit
uses typing only for annotations, which the type checker reads, and for
NamedTuple classes, which are plain tuple classes (what
:func:`collections.namedtuple` makes) at runtime.  So modules write::

    from ._namedtuple import NamedTuple

    class Section(NamedTuple):
        name: str
        offset: int = 0

and a type checker sees typing's NamedTuple, while the interpreter builds
the class as typing's ``NamedTupleMeta`` does with ``collections.namedtuple``:
the annotated fields, in order, the assigned ones as defaults, the
namedtuple's methods, then every other attribute of the class body
(docstring, methods, properties).  One thing is done differently: the
``__new__`` that namedtuple compiles for each class (half of a class's cost,
and btfkit has about forty) is compiled once per number of fields and its
argument names replaced.  ``tests/test_namedtuple.py`` holds the classes
equal to typing's.

Annotations are kept as written (strings under ``from __future__ import
annotations``); typing would turn them into objects, which nothing in
btfkit reads.
"""

from __future__ import annotations

__all__ = ["NamedTuple", "class_constant"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple

    #: A class attribute of a NamedTuple class, written as a method that
    #: returns it (a NamedTuple body cannot declare a ClassVar)::
    #:
    #:     @class_constant
    #:     def kind(self) -> Literal[Kind.INT]:
    #:         return Kind.INT
    #:
    #: A type checker sees a read-only property of the returned type; at
    #: runtime the class gets the returned value as a plain class attribute.
    class_constant = property
else:
    import sys
    from _collections import _tuplegetter
    from types import FunctionType

    # names a class body may not define (typing's _prohibited), and those
    # the class gets otherwise (typing's _special)
    _PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                             "_field_defaults", "_make", "_replace", "_asdict", "_source"})
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    _tuple_new = tuple.__new__
    # what _replace() raises for a name that is not a field (TypeError since 3.13)
    _REPLACE_ERROR = TypeError if sys.version_info >= (3, 13) else ValueError
    _NEW_GLOBALS = {"_tuple_new": _tuple_new, "__builtins__": {}}
    _NEW_CODE = {}  # number of fields -> code of __new__ with arguments _0, _1, ...

    def _new_function(typename, fields, defaults, arg_list):
        # collections.namedtuple compiles `lambda _cls, a, b: _tuple_new(_cls,
        # (a, b))` for every class, half of what a class costs; the code
        # differs from class to class only in its argument names, so one is
        # compiled per number of fields and renamed for each class
        code = _NEW_CODE.get(len(fields))
        if code is None:
            args = "".join(f"_{i}, " for i in range(len(fields)))
            code = _NEW_CODE[len(fields)] = eval(f"lambda _cls, {args}: _tuple_new(_cls, ({args}))",
                                                 _NEW_GLOBALS).__code__
        new = FunctionType(code.replace(co_varnames=("_cls", *fields)), _NEW_GLOBALS, "__new__",
                           tuple(defaults) if defaults else None)
        new.__qualname__ = f"{typename}.__new__"
        new.__doc__ = f"Create new instance of {typename}({arg_list})"
        return new

    def _methods(typename, fields):
        # collections.namedtuple's methods, as it writes them
        num_fields = len(fields)
        repr_fmt = "(" + ", ".join(f"{name}=%r" for name in fields) + ")"

        @classmethod
        def _make(cls, iterable):
            result = _tuple_new(cls, iterable)
            if len(result) != num_fields:
                raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
            return result

        def _replace(self, /, **kwds):
            result = self._make(map(kwds.pop, fields, self))
            if kwds:
                raise _REPLACE_ERROR(f"Got unexpected field names: {list(kwds)!r}")
            return result

        def __repr__(self):
            return self.__class__.__name__ + repr_fmt % self

        def _asdict(self):
            return dict(zip(self._fields, self))

        def __getnewargs__(self):
            return tuple(self)

        _make.__func__.__doc__ = f"Make a new {typename} object from a sequence or iterable"
        _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"
        __repr__.__doc__ = "Return a nicely formatted representation string"
        _asdict.__doc__ = "Return a new dict which maps field names to their values."
        __getnewargs__.__doc__ = "Return self as a plain tuple.  Used by copy and pickle."
        for method in (_make.__func__, _replace, __repr__, _asdict, __getnewargs__):
            method.__qualname__ = f"{typename}.{method.__name__}"
        return {"_make": _make, "_replace": _replace, "__repr__": __repr__, "_asdict": _asdict,
                "__getnewargs__": __getnewargs__}

    class class_constant:
        """The runtime side of ``@class_constant`` (see above): the value,
        which the class is given in place of this wrapper."""

        __slots__ = ("value",)

        def __init__(self, method):
            self.value = method(None)

    class _NamedTupleMeta(type):
        # typing's NamedTupleMeta over collections.namedtuple, in one type()
        # call: the namedtuple's attributes, then the class body's
        def __new__(mcls, typename, bases, ns):
            if not bases:  # NamedTuple itself
                return super().__new__(mcls, typename, bases, ns)
            if bases != (NamedTuple,):
                raise TypeError("can only inherit from a NamedTuple type")
            annotations = ns.get("__annotations__", {})
            fields = tuple(annotations)
            defaults = []
            for field in fields:
                if field in ns:
                    defaults.append(ns[field])
                elif defaults:
                    raise TypeError(f"Non-default namedtuple field {field} cannot follow a default field")
            arg_list = ", ".join(fields) + ("," if len(fields) == 1 else "")
            new = _new_function(typename, fields, defaults, arg_list)
            new.__annotations__ = dict(annotations)
            body = {"__doc__": f"{typename}({arg_list})", "__slots__": (), "_fields": fields,
                    "_field_defaults": dict(zip(fields[len(fields) - len(defaults):], defaults)),
                    "__new__": new, "__match_args__": fields, "__module__": ns["__module__"],
                    "__annotations__": new.__annotations__}
            body.update(_methods(typename, fields))
            for index, name in enumerate(fields):
                body[name] = _tuplegetter(index, f"Alias for field number {index}")
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in fields:
                    body[key] = value.value if type(value) is class_constant else value
            return type(typename, (tuple,), body)

    class NamedTuple(metaclass=_NamedTupleMeta):
        """Base of btfkit's named tuples (see the module's docstring)."""
