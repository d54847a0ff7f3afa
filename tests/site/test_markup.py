"""Valid markup: the W3C Nu HTML checker (npm `vnu-jar`, run on Debian's Java 17) over every
page of the build, once. The pages hold every calculator's form with its build-time result
(the renderer's markup for the example inputs), so the results are checked with them. Any
error fails the test, except the few below that come from Material for MkDocs' own markup
or that the checker does not know yet."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message, the markup it is about): an error is allowed only when both match.
ALLOWED = [
    # Material's navigation: its section labels carry an empty tabindex.
    (r"^Bad value “” for attribute “tabindex” on element “label”", r'<label class="md-nav__link[^"]*" for="__nav_'),
    # Material's drawer and search toggles: checkboxes with autocomplete="off".
    (r"^Attribute “autocomplete” is only allowed when the input type is", r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
    # Material's table-of-contents title points at its toggle, which pages without a table
    # of contents do not render.
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__toc">'),
    # Ours (overrides/main.html), but valid: the HTML standard allows `blocking` on
    # `rel="expect"` (render-blocking until #__config is parsed); the checker does not yet.
    (r"^A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”",
     r'<link rel="expect" href="#__config" blocking="render">'),
]


def allowed(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(m, text) and re.search(e, extract) for m, e in ALLOWED)


def test_every_built_page_is_valid_html(built_site):
    java = shutil.which("java")
    assert java, "java not found (Debian's openjdk-17-jre-headless runs the checker; ./dev test installs it)"
    assert VNU.exists(), "npm ci has not run (vnu-jar is a dev dependency in package.json)"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) > 20
    # Every calculator's build-time result is in the pages the checker reads.
    calcs = [p for p in pages if 'data-calc="' in open(p, encoding="utf-8").read()]
    assert len(calcs) >= 13
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stderr)  # the checker writes its JSON report to stderr
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    ours = [f'{m.get("url", "").removeprefix("file:" + str(built_site))}:{m.get("lastLine")}: {m["message"]}\n    {m.get("extract", "").strip()}'
            for m in errors if not allowed(m)]
    assert not ours, "\n".join(ours)
