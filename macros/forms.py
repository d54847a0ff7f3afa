"""Calculator forms and build-time results, rendered into pages (filled in by the runtime work)."""


def calculator(name: str) -> str:
    return f'<div class="calc" data-calc="{name}"></div>'


def register(env) -> None:
    env.macro(calculator)
