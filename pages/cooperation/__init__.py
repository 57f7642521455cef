"""The Russia–China page's views, one module each (pages/russia-china.py declares them)."""
