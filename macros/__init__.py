"""mkdocs-macros module: figures from the rates file, calculator forms and links into the
source pages, into pages.

`define_env` only registers macros; all work happens when a page calls one.
"""

from . import changes, figures, forms, rates_page, sources


def define_env(env):
    changes.register(env)
    figures.register(env)
    forms.register(env)
    rates_page.register(env)
    sources.register(env)
