"""Kept for the CLI and older imports: `petaproses impor` lives in the ``petaproses.impor`` package."""

from .impor import MAX_BYTES, MAX_NODES, import_bpmn, slug

__all__ = ["MAX_BYTES", "MAX_NODES", "import_bpmn", "slug"]
