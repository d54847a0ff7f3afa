"""The machinery that runs the rules: declarations, field reading, number parsing and
formatting, rates, the runner, the JSON encoder, the one renderer and the file writers.
It knows no particular calculator: the calculators are in `calculators.rules`."""
