"""The security-trends page's views, one module each (pages/security-trends.py declares them)."""
