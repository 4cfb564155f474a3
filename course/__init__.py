"""The course engine: sources, data, and each court's test as code. Pure Python; no ipywidgets."""
