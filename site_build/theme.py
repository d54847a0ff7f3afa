"""One rule taken out of Material's palette stylesheet in the built site.

Material's palette component, on every page load, sets `data-md-color-switching` on `body`,
then the palette's attributes, reads a computed style, and removes the attribute again in the
next task. Its stylesheet holds one rule on that attribute, `[data-md-color-switching] *`
(with `:after` and `:before`), which turns transitions off while a palette is switched. A
rule on an attribute followed by `*` makes the browser restyle every element of the page
whenever the attribute comes or goes: twice per load, in the first tasks after the first
paint, and the longer the page the longer they take (at 4x CPU, 100-200 ms of style work on
the FO pay page; PERFORMANCE.md, «Lighthouse (mobile)»). Without the rule, those two changes
restyle `body` alone. What is lost: when a reader switches the palette, colours fade over the
elements' own transitions (0.125-0.25 s) instead of changing at once.

The rule is matched as Material 9 writes it and replaced by a comment that says so (a
rebuild by `mkdocs serve` that kept the stylesheet finds the comment); if an update of
Material changes the rule, the build fails here rather than quietly keeping the cost.
"""

from __future__ import annotations

from pathlib import Path

SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
DROPPED = "/* the rule on [data-md-color-switching]: dropped by the site's build (site_build/theme.py) */"


class ThemeError(Exception):
    pass


def drop_switching_rule(site: Path) -> Path:
    """Remove the rule from the built palette stylesheet; returns the file changed."""
    sheets = sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    if len(sheets) != 1:
        raise ThemeError(f"expected one Material palette stylesheet in {site / 'assets/stylesheets'}, found {len(sheets)}")
    sheet = sheets[0]
    css = sheet.read_text(encoding="utf-8")
    if DROPPED in css and SWITCHING_RULE not in css:
        return sheet
    if css.count(SWITCHING_RULE) != 1:
        raise ThemeError(
            f"{sheet.name}: Material's rule on [data-md-color-switching] is not there as "
            f"site_build/theme.py expects it (a newer Material?); read that module and update it."
        )
    sheet.write_text(css.replace(SWITCHING_RULE, DROPPED), encoding="utf-8")
    return sheet
