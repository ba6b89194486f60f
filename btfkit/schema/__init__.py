"""construct schemas: the single source of truth for the wire formats.

Each module exposes a cached factory taking the byte order ("little" or "big")."""
