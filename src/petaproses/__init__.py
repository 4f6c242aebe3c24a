"""petaproses: peta proses bisnis dan SOP AP dari berkas YAML."""

__version__ = "0.1.0"
