"""Reviu dan evaluasi as data (Pasal 17 Perwal 48/2024, PermenPANRB 35/2012 monitoring and evaluation).

``model``: the `evaluasi` record (one file per session); ``revision``: which version of a document was
evaluated (git commit or content hash); ``followup``: whether a later revision acted on a finding;
``store``: writing a record while keeping its comments; ``api``: the write API of `petaproses serve --evaluasi`.
The package itself imports nothing, so the model can sit low (kinds.py) and the API high (serve.py).
"""
