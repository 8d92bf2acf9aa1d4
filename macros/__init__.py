"""mkdocs-macros module: registers the macros the hand-written pages in docs/ call.

No logic here beyond calling the package.
"""

from typing import Any

from okr1on1.site.edition import edition_for_config
from okr1on1.site.pages import about_markdown, home_markdown


def define_env(env: Any) -> None:
    @env.macro
    def home() -> str:
        """The home page body, in the edition's language."""
        return home_markdown(edition_for_config(env.conf))

    @env.macro
    def about() -> str:
        """The about page body, in the edition's language."""
        return about_markdown(edition_for_config(env.conf))
