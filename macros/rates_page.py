"""The «Satser og kilder» page: every parameter of `calculators/rates.toml`, rendered.

`{{ rates_tables("circular") }}` renders one table per source document, in the columns the
page's introduction names («Hva», «Verdi», «Gjelder», «Kilde», «Brukes i»): each parameter
with its Norwegian label (from the rates file) linked to the guidance page that covers it,
its dated values («ca.» where the source says so; «Uten dato i rundskrivet» where the
value is flagged `undated`, with the period the calculators use it for), the section of
the source with the source's own words («Kilden sier: «…»») linked to the passage on the
site's page of the source (`[source_pages]`), and the calculators that use it.
`{{ county_table() }}` renders the KL*AR start quarters; `{{ undated_starts() }}` names
the dates undated values are used from, and why.

Which calculator uses a parameter is found by reading the calculator modules' source
(`calculators/rules/`), so the page stays true when a module changes; a calculator that
computes with another (the budget with ORG365 and KL*AR) uses what that one uses. The
calculators' display titles are their declared titles (`calculators.machinery.registry`).
"""

from __future__ import annotations

import ast
import re
from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from calculators.machinery import fmt
from calculators.machinery.rates import load

from . import figures

CALCULATORS_DIR = Path(__file__).resolve().parent.parent / "calculators" / "rules"


# The KL*AR start quarters (the `[klar_start_quarter]` table of the rates file).
COUNTIES_PAGE = "fagforbundet/klar.md#start-per-fylkeskrets"


# --- which calculator uses what ------------------------------------------------------


def _literals(nodes: list[ast.AST]) -> tuple[set[str], set[str]]:
    """String constants of a module, and the constant heads of its f-strings
    (`f"org365.price.{lic.value}"` → `org365.price.`)."""
    constants, heads = set(), set()
    in_fstring = set()
    for node in nodes:
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and len(node.values) > 1:
                heads.add(first.value)
            in_fstring.update(id(v) for v in node.values)
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
            constants.add(node.value)
    return constants, heads


def _imports_and_calls(nodes: list[ast.AST]) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """What a module imports from its own package or `calculators` (name, as what), and
    the names whose attributes it calls (`klar.calculate(...)` → `klar`)."""
    imported = set()
    called = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module in (None, "calculators") and (node.level == 1 or node.module):
            imported.update((a.name, a.asname or a.name) for a in node.names)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)):
            called.add(node.func.value.id)
    return frozenset(imported), frozenset(called)


def _delegates_to(facts: "_ModuleFacts", names: set[str]) -> set[str]:
    """The calculators this module imports as a whole and calls into (`from . import klar`
    and `klar.calculate(...)`): the budget computes with ORG365 and KL*AR. Importing only
    some names (`from .fo_pay import Role`) shares definitions, not rates."""
    imported = {alias for name, alias in facts.imports if name in names}
    return imported & facts.called


class _ModuleFacts:
    """What `_usage` reads from one module's source, from one pass over its syntax tree."""

    def __init__(self, source: str):
        nodes = list(ast.walk(ast.parse(source)))
        self.constants, self.heads = _literals(nodes)
        self.imports, self.called = _imports_and_calls(nodes)
        self.reads_counties = re.search(r"\.counties\b", source) is not None


# A build reads each module once (the page calls `usage` three times); a module changed
# since, as under `mkdocs serve`, is read again: the key holds its size and time.
_FACTS: dict[tuple[Path, int, int], _ModuleFacts] = {}


def _module_facts(path: Path) -> _ModuleFacts:
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _FACTS:
        _FACTS[key] = _ModuleFacts(path.read_text(encoding="utf-8"))
    return _FACTS[key]


def _usage(calculators_dir: Path, calculator_names: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Parameter id → names of the calculators that use it; and the calculators that read
    the counties' start quarters."""
    params = load().params
    direct: dict[str, set[str]] = {}
    counties: set[str] = set()
    imports: dict[str, set[str]] = {}
    names = set(calculator_names)
    for name in calculator_names:
        module = calculators_dir / f"{name}.py"
        package = calculators_dir / name
        paths = [module] if module.is_file() else sorted(package.glob("*.py")) if package.is_dir() else []
        direct[name], imports[name] = set(), set()
        for path in paths:  # a calculator is a module or a package of modules
            facts = _module_facts(path)
            constants, heads = facts.constants, facts.heads
            direct[name] |= {pid for pid in params if pid in constants}
            direct[name] |= {pid for pid in params for h in heads if pid.startswith(h) and pid[len(h):] in constants}
            if facts.reads_counties:
                counties.add(name)
            imports[name] |= _delegates_to(facts, names) - {name}

    def closure(name: str, seen: frozenset = frozenset()) -> tuple[set[str], bool]:
        ids, reads_counties = set(direct.get(name, ())), name in counties
        for other in imports.get(name, ()):
            if other not in seen:
                more, more_counties = closure(other, seen | {name})
                ids |= more
                reads_counties = reads_counties or more_counties
        return ids, reads_counties

    by_param: dict[str, list[str]] = {pid: [] for pid in params}
    county_users = []
    for name in calculator_names:
        ids, reads_counties = closure(name)
        for pid in ids:
            by_param[pid].append(name)
        if reads_counties:
            county_users.append(name)
    return {pid: tuple(v) for pid, v in by_param.items()}, tuple(county_users)


def usage() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Read at each call from the modules as they are now (`_module_facts` parses a
    module again once it changes), so that a rebuild sees a changed calculator module."""
    from .forms import titles
    return _usage(CALCULATORS_DIR, tuple(titles()))


_CALL = re.compile(r"""calculator\(\s*["']([a-z0-9_]+)["']\s*\)""")


def calculator_pages(docs_dir: Path) -> dict[str, str]:
    """Calculator name → the page that shows it (its own page under `kalkulatorer/` when
    there is one, else the guidance page, at its «regn-ut» section when it has one)."""
    found: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md"), key=lambda p: (not p.as_posix().startswith(f"{docs_dir.as_posix()}/kalkulatorer/"), p.as_posix())):
        md = path.relative_to(docs_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        for name in _CALL.findall(text):
            if name not in found:
                anchor = "#regn-ut" if not md.startswith("kalkulatorer/") and "{ #regn-ut }" in text else ""
                found[name] = md + anchor
    return found


# --- rendering -------------------------------------------------------------------------


def _dest_url(md: str, directory_urls: bool) -> str:
    stem = md.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _href(target: str, page_url: str, directory_urls: bool) -> str:
    md, _, anchor = target.partition("#")
    url = get_relative_url(_dest_url(md, directory_urls), page_url)
    if directory_urls and not url.endswith("/"):
        url += "/"
    return url + (f"#{anchor}" if anchor else "")


def _period(start, end) -> str:
    text = f"fra {fmt.date_no(start)}"
    return text + (f" til og med {fmt.date_no(end)}" if end else "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# How a page names each source in running text.
SOURCE_NAME = {"circular": "rundskrivet", "regulation": "reglementet"}


def _in_force(p, v, used_by_calculators: bool) -> dict:
    """The «Gjelder» cell of one dated value: the period the calculators (or, for a value no
    calculator reads, the guidance pages) use it for and, where the source gives the value
    no date, that the period is a reading."""
    period = _period(v.start, v.end)
    if not v.undated:
        return {"period": _capital(period), "reading": ""}
    who = "Kalkulatorene" if used_by_calculators else "Veiledningen"
    return {"period": f"Uten dato i {SOURCE_NAME[p.document_key]}",
            "reading": f"{who} bruker verdien {period}."}


_TEMPLATE = """\
<table>
<thead><tr><th scope="col">Hva</th><th scope="col">Verdi</th><th scope="col">Gjelder</th>\
<th scope="col">Kilde</th><th scope="col">Brukes i</th></tr></thead>
<tbody>
{%- for row in rows %}
{%- for v in row["values"] %}
<tr>
{%- if loop.first %}<td rowspan="{{ row["values"]|length }}" id="sats-{{ row.anchor }}">\
<a href="{{ row.page }}">{{ row.label }}</a>{% if row.note %}<br><small>{{ row.note }}</small>{% endif %}</td>{% endif %}
<td>{% if row.mail %}{% set at = v.text.split("@") %}<a href="mailto:{{ v.text }}">{{ at[0] }}@<wbr>{{ at[1] }}</a>{% else %}<strong>{{ v.text }}</strong>{% endif %}</td>
<td>{{ v.period }}{% if v.reading %}<br><small>{{ v.reading }}</small>{% endif %}</td>
{%- if loop.first %}<td rowspan="{{ row["values"]|length }}">{{ row.section }}\
{% if row.quote %}<br>Kilden sier: <a href="{{ row.passage }}">«{{ row.quote }}»</a>{% endif %}</td>
<td rowspan="{{ row["values"]|length }}">{% for c in row.calculators %}<a href="{{ c.href }}">{{ c.title }}</a>\
{% if not loop.last %}<br>{% endif %}{% else %}Bare i veiledningen{% endfor %}</td>{% endif %}
</tr>
{%- endfor %}
{%- endfor %}
</tbody></table>
"""

_COUNTY_TEMPLATE = """\
<table>
<thead><tr><th scope="col">Fylkeskrets</th><th scope="col">Belastes fra</th>\
<th scope="col">Første måned kalkulatorene regner med</th></tr></thead>
<tbody>
{%- for c in counties %}
<tr><td>{{ c.name }}</td><td>{{ c.quarter }}</td><td>{{ c.month }}</td></tr>
{%- endfor %}
</tbody></table>
<p>Kilden sier: <a href="{{ passage }}">«{{ quote }}»</a> Mer om dette i <a href="{{ href }}">veiledningen om KL*AR</a>. \
Brukes i: {% for c in calculators %}<a href="{{ c.href }}">{{ c.title }}</a>\
{% if not loop.last %}, {% endif %}{% endfor %}.</p>
"""


@cache
def _jinja() -> Environment:
    return Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, keep_trailing_newline=False)


def _compact(html: str) -> str:
    # No blank line inside the block, so Markdown leaves the whole table alone.
    return "\n".join(line for line in html.splitlines() if line.strip())


def _context(env) -> tuple[str, bool, Path]:
    page_url = env.page.url if getattr(env, "page", None) is not None else ""
    directory_urls = bool(env.conf.get("use_directory_urls", True))
    return page_url, directory_urls, Path(env.conf["docs_dir"])


def _calculator_links(names, pages, page_url, directory_urls) -> list[dict]:
    from .forms import titles
    return [{"title": titles()[n], "href": _href(pages[n], page_url, directory_urls)} for n in names if n in pages]


def _passage_href(rates, document: str, anchor: str, page_url: str, directory_urls: bool) -> str:
    """The passage `anchor` on the site's page of the source (`[source_pages]`)."""
    return _href(f"{rates.source_pages[document]}#{anchor}", page_url, directory_urls)


def rows(document: str, page_url: str = "satser/", directory_urls: bool = True,
         docs_dir: Path | None = None) -> list[dict]:
    """The table rows for one source document (`circular` or `regulation`)."""
    rates = load()
    docs_dir = docs_dir or Path(__file__).resolve().parent.parent / "docs"
    name = rates.documents[document]
    by_param, _ = usage()
    pages = calculator_pages(docs_dir)
    out = []
    for pid, p in rates.params.items():
        if p.document != name:
            continue
        values = sorted(p.values, key=lambda v: v.start)
        out.append({
            "id": pid,
            "anchor": pid.replace(".", "-").lower(),
            "label": rates.fill(p.label),
            "note": rates.fill(p.note),
            "page": _href(p.page, page_url, directory_urls),
            "mail": p.unit == "e-post",
            "values": [{"text": figures.format_value(p, v.value), **_in_force(p, v, bool(by_param[pid]))}
                       for v in values],
            "section": p.section,
            "quote": " ".join(p.quote.split()),
            "passage": _passage_href(rates, p.document_key, p.anchor, page_url, directory_urls),
            "calculators": _calculator_links(by_param[pid], pages, page_url, directory_urls),
        })
    return out


def rates_tables(document: str) -> Markup:
    """Macro: the table of every parameter from one source document."""
    env = _ENV["env"]
    page_url, directory_urls, docs_dir = _context(env)
    html = _jinja().from_string(_TEMPLATE).render(rows=rows(document, page_url, directory_urls, docs_dir))
    return Markup(_compact(html))


def county_table() -> Markup:
    """Macro: the KL*AR start quarter of every county, with the first month the calculator charges."""
    env = _ENV["env"]
    page_url, directory_urls, docs_dir = _context(env)
    rates = load()
    first_year = int(rates.param("klar.first_year").least)  # read as the KL*AR rules read it
    counties = [{"name": c.name, "quarter": f"{figures.quarter_name(c.quarter)} {first_year}",
                 "month": f"{figures.month_name(c.first_month)} {first_year}"} for c in rates.counties]
    html = _jinja().from_string(_COUNTY_TEMPLATE).render(
        counties=counties, quote=" ".join(rates.counties_quote.split()),
        passage=_passage_href(rates, "circular", rates.counties_anchor, page_url, directory_urls),
        href=_href(COUNTIES_PAGE, page_url, directory_urls),
        calculators=_calculator_links(usage()[1], calculator_pages(docs_dir), page_url, directory_urls),
    )
    return Markup(_compact(html))


def undated_starts(document: str = "circular") -> str:
    """Macro: the dates the calculators use the figures of `document` from where the source
    gives them no date, each with where the date comes from: «datoen for landsstyrets
    vedtak, 12. juni 2024, eller 1. januar 2025, det første budsjettåret …». Fails the build
    when an undated value starts on a date no reason is written for here."""
    rates = load()
    decision = rates.param("circular.decision_date").values[0].start
    budget_year = int(rates.param("org365.budget_from_year").least)  # as the application's rules read it
    reasons = {
        decision: f"datoen for landsstyrets vedtak, {fmt.date_no(decision)}",
        date(budget_year, 1, 1): f"{fmt.date_no(date(budget_year, 1, 1))}, det første budsjettåret "
                                 "rundskrivet anbefaler en post til ORG365 for",
    }
    name = rates.documents[document]
    starts = sorted({v.start for p in rates.params.values() if p.document == name for v in p.values if v.undated})
    unexplained = [d.isoformat() for d in starts if d not in reasons]
    if unexplained:
        raise ValueError(f"undated values of {document} start on {unexplained}: say why in rates_page.undated_starts")
    return ", eller ".join(reasons[d] for d in starts)


_ENV: dict = {}


def register(env) -> None:
    _ENV["env"] = env
    env.macro(rates_tables)
    env.macro(county_table)
    env.macro(undated_starts)
