"""The briefing page's parts (pages/briefing.py draws them): state, slides, deck builder, exports."""
