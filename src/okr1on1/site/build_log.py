"""The build's log: MkDocs' logger for plugins, `mkdocs.plugins.okr1on1`, each line prefixed `okr1on1: `.

One INFO line for each thing a build does (content loaded, downloads rendered or taken from the
cache, the Pyodide bundle made or reused); the details at DEBUG (`mkdocs build -v`). It is under
`mkdocs`, so a strict build counts its warnings.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("okr1on1")
