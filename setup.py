"""The optional C loop of the SOP flowchart's router (src/petaproses/layout/_astar.c); everything else about
the package is in pyproject.toml.  ``optional``: where no compiler is found, the package installs all the same
and the router runs its loop in Python (the same routes, slower)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("petaproses.layout._astar", ["src/petaproses/layout/_astar.c"], optional=True)])
