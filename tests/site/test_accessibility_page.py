"""The «Tilgjengelighet» page: built, with its three parts, and the contact for reports
taken from mkdocs.yml (`extra.contact`), never typed into the page."""

from __future__ import annotations

import re

from mkdocs.config import load_config

from tests.conftest import ROOT
from tests.shown import visible_text


def test_the_accessibility_page_says_what_is_tested_and_whom_to_tell(built_site):
    html = (built_site / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
    main = html[html.index('<article'):html.index("</article>")]
    text = re.sub(r"\s+", " ", visible_text(main))
    for heading in ("Hva som blir testet", "Det vi vet ikke virker helt", "Si fra om et problem"):
        assert re.search(rf"<h2[^>]*>{heading}", main), heading
    for engine in ("Chromium", "Firefox", "WebKitGTK"):
        assert engine in text, engine
    assert "WCAG 2.1 nivå A og AA" in text
    assert "dere" not in text.lower().split(), "the page addresses the reader as «du»"

    contact = load_config(str(ROOT / "mkdocs.yml")).extra.get("contact") or {}
    if contact.get("email"):
        assert f'href="mailto:{contact["email"]}"' in main
        assert "ikke lagt inn" not in text
    else:
        assert "mailto:" not in main
        assert "Kontaktadressen for tilbakemeldinger er ikke lagt inn ennå." in text
