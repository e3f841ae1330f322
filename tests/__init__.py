"""The test suite, a package so that mypy resolves its modules' relative imports (of
``helpers`` and ``strategies``, the only modules tests import from each other); pytest collects
it with ``--import-mode=importlib`` as before."""
