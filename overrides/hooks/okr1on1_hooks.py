"""Thin MkDocs hooks file: the logic lives in the okr1on1 package (src/okr1on1/site/hooks.py)."""

from okr1on1.site.hooks import on_config, on_env, on_files, on_page_markdown, on_post_page, on_post_template, on_template_context

__all__ = ["on_config", "on_env", "on_files", "on_page_markdown", "on_post_page", "on_post_template", "on_template_context"]
