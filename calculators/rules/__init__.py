"""The rules: one module or package per calculator, each declaring itself as `CALCULATOR`
(see `calculators.machinery.declare`), found by `calculators.machinery.registry`. What the
two source documents say lives here; how a calculator is read, run, drawn and written out
lives in `calculators.machinery`."""
