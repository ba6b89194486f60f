"""``bpftool gen skeleton`` and ``gen subskeleton``, byte for byte.

- :mod:`~btfkit.gen.skeleton`: :func:`~btfkit.gen.skeleton.gen_skeleton`
  (gen.c ``do_skeleton()``);
- :mod:`~btfkit.gen.subskeleton`:
  :func:`~btfkit.gen.subskeleton.gen_subskeleton` (``do_subskeleton()``);

and what both use, by topic:

- :mod:`~btfkit.gen.objects`: the BPF object as gen reads it (opening it,
  a C printer over its BTF, its memory-mapped maps and their DATASECs);
- :mod:`~btfkit.gen.datasecs`: the global-variable structs (and the
  skeleton's size asserts);
- :mod:`~btfkit.gen.maps_progs`: the map and program members and the
  ``s->maps[]`` / ``s->progs[]`` tables;
- :mod:`~btfkit.gen.struct_ops`: struct_ops shadow types (bpftool 7.5 on);
- :mod:`~btfkit.gen.codegen`: gen.c's template helper, hex dump and the
  object name / header guard;
- :mod:`~btfkit.gen.naming`: identifiers of maps, sections and variables
  (no import of the object layer, so :mod:`btfkit.obj` re-exports them).

This file imports nothing: importing the package costs nothing, and
``btfkit gen`` loads only the modules it uses.
"""
