"""Interactive views over the course engine (ipywidgets + plotly). No legal logic here."""
