"""MkDocs plugin that puts the Pyodide runtime and the calculators wheel into the built site."""
