"""Renderers: each turns the validated model into one kind of output, independently of the others."""
