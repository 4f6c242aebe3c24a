"""The petaproses command builds its pydantic models without pydantic's plugins.

When pydantic builds its first model it looks for plugins (``pydantic.plugin._loader``): it imports
importlib.metadata (with email, zipfile and csv) and reads the entry points of every installed distribution,
~12 ms of every `check` and `build` in a new process (an editor's check on save: 175 -> 163 ms).  petaproses uses
no plugin, and one installed beside it (an observability tool, say) would see every document validated.  So the
command (``cli.run``, which `siaga` runs in too) puts in a loader that finds none before anything of pydantic is
imported; any other name pydantic asks of it comes from the real module, loaded then, so a later pydantic that
needs more of it still works.  When that module was imported already, it is left alone.  Only the command does
this: a program that imports petaproses as a library keeps pydantic's plugins, for its models and ours.
"""

from __future__ import annotations

import sys
import types

NAME = "pydantic.plugin._loader"


class _Loader(types.ModuleType):
    """The stand-in for pydantic's plugin loader: no plugins; everything else from the real module."""

    @staticmethod
    def get_plugins(*args, **kwargs) -> tuple:  # whatever a later pydantic passes: still none
        return ()

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        real = self.__dict__.get("_real")
        if real is None:
            import importlib.machinery
            import importlib.util

            import pydantic.plugin

            spec = importlib.machinery.PathFinder.find_spec(NAME, pydantic.plugin.__path__)
            if spec is None or spec.loader is None:
                raise AttributeError(name)
            real = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(real)
            self.__dict__["_real"] = real
        return getattr(real, name)


def install() -> None:
    """Put the stand-in where pydantic looks for its plugin loader, unless the real one is there already (the
    process's own choice: called by the command, never on import)."""
    if NAME not in sys.modules:
        sys.modules[NAME] = _Loader(NAME)
