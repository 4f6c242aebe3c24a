"""Level-1 map (stub)."""
def build(cat, doc):
    raise NotImplementedError
