"""The one exception readers raise for bad input.

Readers raise :class:`InputError` with a short reason; :mod:`threatgraph.ingest.paths` turns it
into an :class:`~threatgraph.model.IngestFailure` naming the file (and line or item), so every
reader reports problems the same way and the batch goes on.
"""

from __future__ import annotations


class InputError(ValueError):
    """An input that cannot become an article; ``str(exc)`` is the reason shown to the user."""
