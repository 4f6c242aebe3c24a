"""petaproses: peta proses bisnis dan SOP AP dari berkas YAML."""

__version__ = "0.1.0"
CODE_SUFFIXES = (".py", ".c")  # what a hash of petaproses' code reads: its modules and the router's C loop
