"""btfkit's command line.  The only package that imports rich (and only for
the terminal views: tree, layout, find, info)."""
