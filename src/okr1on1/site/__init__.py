"""MkDocs build hooks and page renderers: content model in, pages and files out."""
