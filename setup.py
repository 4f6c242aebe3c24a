"""The optional C parts of the SOP flowchart's router (src/petaproses/layout/_astar.c: the search loop;
_labels.c: the branch labels' boxes) and of the YAML reader (src/petaproses/_yamlevents.c, with libyaml's
headers: libyaml-dev); everything else about the package is in pyproject.toml.  ``optional``: where no compiler
(or no libyaml) is found, the package installs all the same and those loops run in Python (the same answers,
slower)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("petaproses.layout._astar", ["src/petaproses/layout/_astar.c"], optional=True),
                   Extension("petaproses.layout._labels", ["src/petaproses/layout/_labels.c"], optional=True),
                   Extension("petaproses._yamlevents", ["src/petaproses/_yamlevents.c"], libraries=["yaml"],
                             optional=True)])
