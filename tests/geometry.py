"""Plain geometry the swimlane tests count crossings with (the router counts them its own faster way)."""


def crosses(p, q, r, s) -> bool:
    """Whether p-q, a run along the lanes (c fixed), crosses r-s, a run across them (a fixed), inside both."""
    if abs(p[1] - q[1]) >= 1.0 or abs(r[0] - s[0]) >= 1.0:
        return False
    return min(p[0], q[0]) < r[0] < max(p[0], q[0]) and min(r[1], s[1]) < p[1] < max(r[1], s[1])
