"""The course engine: sources, data, and each court's test as code. Pure Python; no ipywidgets."""

__version__ = "0.1.0"
