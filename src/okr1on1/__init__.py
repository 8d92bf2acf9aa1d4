"""okr1on1: a guide site for OKR one-on-one meetings, compiled from YAML content."""

__version__ = "0.1.0"
