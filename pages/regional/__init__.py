"""The regional-actors page's views, one module each (pages/regional-actors.py declares them)."""
