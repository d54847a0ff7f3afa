"""Performance benchmark of the site against the bare Pyodide floor (`./dev bench`).

One run on 127.0.0.1 with Chromium: build the site for the server's origin into a temp
folder, add a bare floor page, serve it, then interleave rounds of every figure (cold
first visits, a page switch, 200 edits, repeat visits in a persistent profile, bytes,
build times). Prints one Markdown table and writes bench/results/latest.json.
See PERFORMANCE.md for the figures, the targets and how to read them.
"""
