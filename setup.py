"""The optional C parts of the SOP flowchart's router (src/petaproses/layout/_astar.c: the search loop;
_labels.c: the branch labels' boxes); everything else about
the package is in pyproject.toml.  ``optional``: where no compiler is found, the package installs all the same
and the router runs its loop in Python (the same routes, slower)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("petaproses.layout._astar", ["src/petaproses/layout/_astar.c"], optional=True),
                   Extension("petaproses.layout._labels", ["src/petaproses/layout/_labels.c"], optional=True)])
