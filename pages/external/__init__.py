"""The external-powers page's views, one module each (pages/external-powers.py declares them)."""
