"""Where the package's lazy table (``_LAZY`` in ``__init__``) still finds two names.

Temporary: ``normalize_name`` lives in :mod:`._name_keys` and ``NameMatch`` in
:mod:`._name_index`. Delete this module when ``_LAZY`` points there.
"""

from ._name_index import NameMatch
from ._name_keys import normalize_name

__all__ = ["NameMatch", "normalize_name"]
