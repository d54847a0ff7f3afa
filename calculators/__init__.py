"""Pure-Python rules for the licence budget and FO pay calculators.

Standard library only; runs the same in CPython (tests, build-time macros) and in
Pyodide (the browser worker). The boundary is `calculators.api.run`.
"""

__version__ = "0.1.0"
