"""The layout layer: where every symbol, line and label of every picture is placed, in plain numbers.

It reads the model (and the flow), measures text with the real fonts, and returns geometry: shapes with their
rectangles, polylines with or without arrowheads, labels, pages.  It writes no XML, DOT or file; the renderers
under ``render/`` turn a finished layout into bytes.  Nothing here imports ``render/``.
"""
