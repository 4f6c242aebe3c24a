/* The A* loop of the SOP flowchart router (layout/sop_tracks.py, Tracks._search) in C, and two loops it runs
 * around the search (a straight run on the grid, a line's marks, a run's approach points, a label's box, a
 * simple route's cost: Tracks._walk, Tracks._mark, Tracks._approach, Tracks.add_obstacle, sop_direct._walk_route).
 *
 * The same search step for step: the same states (grid point * 4 + direction), costs, estimate, order of
 * moves and queue order (estimate, push number), so it returns exactly what the Python loop returns; the
 * Python loop stays as the fallback where no compiler built this module, and the tests compare the two on
 * every search of the sample and real SOPs.  It takes the page's tables as they are (lists, sets, dicts)
 * and returns None or (cost, entry port, states from the goal back to the first, index of the start ray).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t f, count, key;
} Item;

typedef struct {
    Item *a;
    Py_ssize_t len, cap;
} Heap;

static int before(const Item *x, const Item *y) {
    return x->f < y->f || (x->f == y->f && x->count < y->count);
}

static int heap_push(Heap *h, int64_t f, int64_t count, int64_t key) {
    if (h->len == h->cap) {
        Py_ssize_t cap = h->cap ? h->cap * 2 : 1024;
        Item *a = realloc(h->a, (size_t)cap * sizeof(Item));
        if (!a) return -1;
        h->a = a;
        h->cap = cap;
    }
    Py_ssize_t i = h->len++;
    Item it = {f, count, key};
    while (i > 0) {
        Py_ssize_t up = (i - 1) / 2;
        if (!before(&it, &h->a[up])) break;
        h->a[i] = h->a[up];
        i = up;
    }
    h->a[i] = it;
    return 0;
}

static Item heap_pop(Heap *h) {
    Item top = h->a[0], last = h->a[--h->len];
    Py_ssize_t i = 0, n = h->len;
    for (;;) {
        Py_ssize_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && before(&h->a[c + 1], &h->a[c])) c++;
        if (!before(&h->a[c], &last)) break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (n) h->a[i] = last;
    return top;
}

/* mask[i] = 1 for every int i (0 <= i < n) in an iterable */
static int mark_members(PyObject *items, char *mask, Py_ssize_t n) {
    PyObject *it = PyObject_GetIter(items), *v;
    if (!it) return -1;
    while ((v = PyIter_Next(it))) {
        Py_ssize_t i = PyLong_AsSsize_t(v);
        Py_DECREF(v);
        if (i == -1 && PyErr_Occurred()) break;
        if (0 <= i && i < n) mask[i] = 1;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* whether some member of an iterable is not in ``allowed`` (a set): 1, 0, or -1 on error */
static int has_other(PyObject *items, PyObject *allowed) {
    PyObject *it = PyObject_GetIter(items), *v;
    int found = 0;
    if (!it) return -1;
    while (!found && (v = PyIter_Next(it))) {
        int in = PySet_Contains(allowed, v);
        Py_DECREF(v);
        if (in < 0) found = -1;
        else if (!in) found = 1;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : found;
}

/* whether a table's entry (a dict of owners and their counts) holds an owner not in ``allowed`` (a set): as
 * Python's ``o and not o.keys() <= allowed`` */
static int foreign(PyObject *o, PyObject *allowed) {
    if (!PyDict_Check(o)) {
        int truth = PyObject_IsTrue(o);
        return truth <= 0 ? truth : has_other(o, allowed);
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(o, &pos, &k, &v)) {
        int in = PySet_Contains(allowed, k);
        if (in <= 0) return in < 0 ? -1 : 1;
    }
    return 0;
}

/* mask[i] = 1 where table[i] (a dict of owners, or a set) holds one not in ``allowed`` */
static int mark_foreign(PyObject *table, PyObject *allowed, char *mask, Py_ssize_t n) {
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(table, &pos, &k, &v)) {
        Py_ssize_t i = PyLong_AsSsize_t(k);
        if (i == -1 && PyErr_Occurred()) return -1;
        int other = foreign(v, allowed);  /* a dict's keys without an iterator object per entry */
        if (other < 0) return -1;
        if (other && 0 <= i && i < n) mask[i] = 1;
    }
    return 0;
}

static int to_ints(PyObject *list, int64_t *out, Py_ssize_t n) {
    if (!PyList_Check(list) || PyList_GET_SIZE(list) != n) {
        PyErr_SetString(PyExc_ValueError, "a list of n ints is expected");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyLong_AsLongLong(PyList_GET_ITEM(list, i));
        if (out[i] == -1 && PyErr_Occurred()) return -1;
    }
    return 0;
}

typedef struct {
    int64_t x0, x1, y0, y1, floor;
} Box;

static PyObject *search(PyObject *self, PyObject *args) {
    Py_ssize_t n, ny;
    PyObject *free_l, *px_l, *py_l, *hblk, *vblk, *hown, *vown, *pown, *mine, *zone, *ends, *approach, *boxes_l,
        *starts;
    int cross;
    long long BEND, CROSS, ZONE_COST;
    if (!PyArg_ParseTuple(args, "nnO!O!O!OOO!O!O!O!O!O!O!O!O!pLLL", &n, &ny, &PyList_Type, &free_l, &PyList_Type,
                          &px_l, &PyList_Type, &py_l, &hblk, &vblk, &PyDict_Type, &hown, &PyDict_Type, &vown,
                          &PyDict_Type, &pown, &PySet_Type, &mine, &PyDict_Type, &zone, &PySet_Type, &ends,
                          &PyDict_Type, &approach, &PyList_Type, &boxes_l, &PyList_Type, &starts, &cross, &BEND,
                          &CROSS, &ZONE_COST))
        return NULL;
    if (n <= 0 || ny <= 0 || PyList_GET_SIZE(free_l) != n) {
        PyErr_SetString(PyExc_ValueError, "grid sizes do not agree");
        return NULL;
    }
    const int64_t big = (int64_t)1 << 60;
    Py_ssize_t nb = PyList_GET_SIZE(boxes_l), ns = 4 * n;
    PyObject *result = NULL;
    Heap heap = {NULL, 0, 0};
    /* one block: per point free, blocked edges (h, v), foreign point, zoned, approach; per state best, came */
    char *flags = calloc((size_t)n, 6);
    int64_t *nums = malloc(sizeof(int64_t) * (size_t)(3 * n + 2 * ns));
    Box *boxes = malloc(sizeof(Box) * (size_t)(nb ? nb : 1));
    if (!flags || !nums || !boxes) {
        PyErr_NoMemory();
        goto done;
    }
    char *free_ = flags, *hbad = flags + n, *vbad = flags + 2 * n, *pbad = flags + 3 * n, *zoned = flags + 4 * n,
         *arrive = flags + 5 * n;
    int64_t *px = nums, *py = nums + n, *hs = nums + 2 * n, *best = nums + 3 * n, *came = nums + 3 * n + ns;
    for (Py_ssize_t i = 0; i < n; i++) {
        int t = PyObject_IsTrue(PyList_GET_ITEM(free_l, i));
        if (t < 0) goto done;
        free_[i] = (char)t;
        hs[i] = -1;
    }
    for (Py_ssize_t i = 0; i < ns; i++) {
        best[i] = big;
        came[i] = -1;
    }
    if (to_ints(px_l, px, n) < 0 || to_ints(py_l, py, n) < 0) goto done;
    /* an edge is closed when a label runs through it or a line that is not ours runs along it */
    if (mark_members(hblk, hbad, n) < 0 || mark_members(vblk, vbad, n) < 0) goto done;
    if (mark_foreign(hown, mine, hbad, n) < 0 || mark_foreign(vown, mine, vbad, n) < 0) goto done;
    if (mark_foreign(pown, mine, pbad, n) < 0 || mark_foreign(zone, ends, zoned, n) < 0) goto done;
    {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        while (PyDict_Next(approach, &pos, &k, &v)) {
            Py_ssize_t i = PyLong_AsSsize_t(k);
            if (i == -1 && PyErr_Occurred()) goto done;
            if (0 <= i && i < n) arrive[i] = 1;
        }
    }
    for (Py_ssize_t b = 0; b < nb; b++) {
        PyObject *box = PyList_GET_ITEM(boxes_l, b);
        int64_t *f = &boxes[b].x0;
        for (int j = 0; j < 5; j++) {
            PyObject *v = PySequence_GetItem(box, j);
            if (!v) goto done;
            f[j] = PyLong_AsLongLong(v);
            Py_DECREF(v);
            if (f[j] == -1 && PyErr_Occurred()) goto done;
        }
    }

#define H(idx)                                                                                                 \
    do {                                                                                                       \
        if (hs[idx] < 0) {                                                                                     \
            int64_t x = px[idx], y = py[idx], hb = big;                                                        \
            for (Py_ssize_t b = 0; b < nb; b++) {                                                              \
                const Box *bx = &boxes[b];                                                                     \
                int64_t dx = x < bx->x0 ? bx->x0 - x : x > bx->x1 ? x - bx->x1 : 0;                            \
                int64_t dy = y < bx->y0 ? bx->y0 - y : y > bx->y1 ? y - bx->y1 : 0;                            \
                int64_t v = dx + dy + bx->floor + ((dx && dy) ? BEND : 0);                                     \
                if (v < hb) hb = v;                                                                            \
            }                                                                                                  \
            hs[idx] = hb;                                                                                      \
        }                                                                                                      \
    } while (0)

    int64_t count = 0;
    Py_ssize_t n_starts = PyList_GET_SIZE(starts);
    for (Py_ssize_t s = 0; s < n_starts; s++) {  /* (cost, state) of each start ray's point, in order */
        long long cost, key;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(starts, s), "LL", &cost, &key)) goto done;
        if (key < 0 || key >= ns) {
            PyErr_SetString(PyExc_ValueError, "start state off the grid");
            goto done;
        }
        if (cost < best[key]) {
            best[key] = cost;
            came[key] = -2 - s;
            count++;
            Py_ssize_t q = (Py_ssize_t)(key >> 2);
            H(q);
            if (heap_push(&heap, cost + hs[q], count, key) < 0) {
                PyErr_NoMemory();
                goto done;
            }
        }
    }
    const int64_t steps[4] = {ny, -ny, 1, -1};
    const int back[4] = {1, 0, 3, 2};
    int64_t goal_cost = big, goal_key = -1;
    PyObject *goal_port = NULL; /* borrowed from ``approach`` */
    while (heap.len) {
        Item top = heap_pop(&heap);
        if (top.f >= goal_cost) break;
        int64_t key = top.key, idx = key >> 2;
        int64_t cost = top.f - hs[idx];
        if (cost > best[key]) continue;
        int k = (int)(key & 3);
        if (arrive[idx]) {
            PyObject *pk = PyLong_FromLongLong(idx);
            if (!pk) goto done;
            PyObject *lst = PyDict_GetItemWithError(approach, pk);
            Py_DECREF(pk);
            if (!lst) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "approach point");
                goto done;
            }
            int64_t d = steps[k];
            Py_ssize_t m = PySequence_Size(lst);
            if (m < 0) goto done;
            for (Py_ssize_t a = 0; a < m; a++) {
                PyObject *entry = PySequence_GetItem(lst, a);
                if (!entry) goto done;
                long long out, extra;
                PyObject *port;
                if (!PyArg_ParseTuple(entry, "LOL", &out, &port, &extra)) {
                    Py_DECREF(entry);
                    goto done;
                }
                Py_DECREF(entry); /* ``port`` stays alive: the approach dict holds the tuple */
                if (d != out) { /* no turning back on itself */
                    int64_t c = cost + extra + (d != -out ? BEND : 0);
                    if (c < goal_cost) {
                        goal_cost = c;
                        goal_key = key;
                        goal_port = port;
                    }
                }
            }
        }
        int64_t x = px[idx], y = py[idx], j = idx % ny;
        for (int km = 0; km < 4; km++) { /* +x, -x, +y, -y; never straight back */
            if (km == back[k]) continue;
            int64_t m = steps[km], nxt = idx + m, c;
            if (km < 2) {
                if (nxt < 0 || nxt >= n || !free_[nxt]) continue;
                if (hbad[m > 0 ? idx : nxt]) continue;
                c = cost + (m > 0 ? px[nxt] - x : x - px[nxt]);
            } else {
                if ((m > 0 ? j + 1 >= ny : j == 0) || !free_[nxt]) continue;
                if (vbad[m > 0 ? idx : nxt]) continue;
                c = cost + (m > 0 ? py[nxt] - y : y - py[nxt]);
            }
            if (km != k) c += BEND;
            if (pbad[nxt]) {
                if (!cross) continue;
                c += CROSS;
            }
            if (zoned[nxt]) c += ZONE_COST;
            int64_t nkey = nxt * 4 + km;
            if (c < best[nkey]) {
                best[nkey] = c;
                came[nkey] = key;
                H(nxt);
                if (c + hs[nxt] < goal_cost) {
                    count++;
                    if (heap_push(&heap, c + hs[nxt], count, nkey) < 0) {
                        PyErr_NoMemory();
                        goto done;
                    }
                }
            }
        }
    }
    if (goal_port == NULL) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    {
        PyObject *path = PyList_New(0);
        if (!path) goto done;
        int64_t key = goal_key;
        for (;;) {
            PyObject *v = PyLong_FromLongLong(key);
            if (!v || PyList_Append(path, v) < 0) {
                Py_XDECREF(v);
                Py_DECREF(path);
                goto done;
            }
            Py_DECREF(v);
            if (came[key] <= -2) break;
            key = came[key];
        }
        result = Py_BuildValue("LONn", (long long)goal_cost, goal_port, path, (Py_ssize_t)(-2 - came[key]));
    }
done:
    free(flags);
    free(nums);
    free(boxes);
    free(heap.a);
    return result;
}

/* whether the unit edge named ``edge`` (its lower point) is closed to a line that may run along ``allowed``'s
 * owners: a label runs through it (``blk``) or another line along it (``own``); 1, 0, or -1 on error */
static int edge_closed(PyObject *blk, PyObject *own, Py_ssize_t edge, PyObject *allowed) {
    PyObject *key = PyLong_FromSsize_t(edge);
    if (!key) return -1;
    int in = PySet_Contains(blk, key);
    PyObject *o = in ? NULL : PyDict_GetItemWithError(own, key);  /* borrowed */
    Py_DECREF(key);
    if (in < 0 || (!o && PyErr_Occurred())) return -1;
    if (in) return 1;
    return o ? foreign(o, allowed) : 0;
}

/* Tracks._walk (layout/sop_tracks.py; _walk there is the same loop in Python): the grid points from ``idx``
 * (excluded) in steps of ``step`` while the way is clear for a line that starts or ends at the shape of
 * ``alone`` (a list of that one shape), as [(point, penalty so far)] */
static PyObject *walk(PyObject *self, PyObject *args) {
    Py_ssize_t idx, step, ny;
    PyObject *free_l, *owners, *alone, *blk, *own, *pown, *owner;
    int stop_free;
    long long CROSS;
    if (!PyArg_ParseTuple(args, "nnnO!O!O!OO!O!OpL", &idx, &step, &ny, &PyList_Type, &free_l, &PyDict_Type, &owners,
                          &PyList_Type, &alone, &blk, &PyDict_Type, &own, &PyDict_Type, &pown, &owner, &stop_free,
                          &CROSS))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(free_l);
    if (ny <= 0 || idx < 0 || idx >= n || !PyAnySet_Check(blk) || !PyAnySet_Check(owner)) {
        PyErr_SetString(PyExc_ValueError, "walk: a point on the grid and sets are expected");
        return NULL;
    }
    int vertical = step == 1 || step == -1;
    Py_ssize_t lo = vertical ? idx - idx % ny : 0;  /* the points it may reach: its column's, or the grid's */
    Py_ssize_t hi = vertical ? lo + ny - 1 : n - 1;
    long long penalty = 0;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (;;) {
        Py_ssize_t nxt = idx + step;
        if (nxt < lo || nxt > hi) break;
        int other = edge_closed(blk, own, step < 0 ? nxt : idx, owner);  /* an edge is named by its lower point */
        if (other < 0) goto fail;
        if (other) break;
        PyObject *point = PyLong_FromSsize_t(nxt);
        if (!point) goto fail;
        int is_free = PyObject_IsTrue(PyList_GET_ITEM(free_l, nxt));
        if (is_free < 0) {
            Py_DECREF(point);
            goto fail;
        }
        if (!is_free) {  /* blocked, unless by this line's own shape alone */
            PyObject *who = PyDict_GetItemWithError(owners, point);
            int differs = who ? PyObject_RichCompareBool(who, alone, Py_NE) : (PyErr_Occurred() ? -1 : 1);
            if (differs) {
                Py_DECREF(point);
                if (differs < 0) goto fail;
                break;
            }
        }
        PyObject *o = PyDict_GetItemWithError(pown, point);
        other = o ? foreign(o, owner) : (PyErr_Occurred() ? -1 : 0);
        if (other < 0) {
            Py_DECREF(point);
            goto fail;
        }
        if (other) {
            if (stop_free) {
                Py_DECREF(point);
                break;
            }
            penalty += CROSS;
        }
        PyObject *item = Py_BuildValue("(NL)", point, penalty);
        if (!item || PyList_Append(out, item) < 0) {
            Py_XDECREF(item);
            goto fail;
        }
        Py_DECREF(item);
        idx = nxt;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* Tracks._mark's update of one table (sop_tracks._mark_cells is the same in Python): ``add`` to the count of
 * ``owner`` in table[c] for every c in range(start, stop, stride); a count that falls to 0 goes, and so does a
 * slot it leaves empty */
static PyObject *mark(PyObject *self, PyObject *args) {
    PyObject *table, *owner;
    Py_ssize_t start, stop, stride;
    long long add;
    if (!PyArg_ParseTuple(args, "O!OnnnL", &PyDict_Type, &table, &owner, &start, &stop, &stride, &add)) return NULL;
    if (stride <= 0) {
        PyErr_SetString(PyExc_ValueError, "mark: the stride must be positive");
        return NULL;
    }
    for (Py_ssize_t c = start; c < stop; c += stride) {
        PyObject *key = PyLong_FromSsize_t(c);
        if (!key) return NULL;
        PyObject *slot = PyDict_GetItemWithError(table, key);  /* borrowed */
        if (!slot && PyErr_Occurred()) goto fail;
        PyObject *cur = slot ? PyDict_GetItemWithError(slot, owner) : NULL;
        if (!cur && PyErr_Occurred()) goto fail;
        long long count = cur ? PyLong_AsLongLong(cur) : 0;
        if (count == -1 && PyErr_Occurred()) goto fail;
        count += add;
        if (count <= 0) {  /* as setting it and deleting it: nothing new stays */
            if (cur && PyDict_DelItem(slot, owner) < 0) goto fail;
            if (slot && PyDict_GET_SIZE(slot) == 0 && PyDict_DelItem(table, key) < 0) goto fail;
        } else {
            if (!slot) {
                slot = PyDict_New();
                if (!slot) goto fail;
                int bad = PyDict_SetItem(table, key, slot);
                Py_DECREF(slot);  /* the table holds it */
                if (bad < 0) goto fail;
            }
            PyObject *value = PyLong_FromLongLong(count);
            int bad = !value || PyDict_SetItem(slot, owner, value) < 0;
            Py_XDECREF(value);
            if (bad) goto fail;
        }
        Py_DECREF(key);
        continue;
    fail:
        Py_DECREF(key);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Tracks._approach's use of a run from a goal port (sop_tracks._arrive is the same in Python): for each
 * (point, _) of ``points``, its run from (gx, gy); one ``least`` or longer makes the point an approach point:
 * approach.setdefault(point, []).append((out, port, run + fixed)) */
static PyObject *arrive(PyObject *self, PyObject *args) {
    PyObject *points, *px_l, *py_l, *port, *approach;
    long long gx, gy, least, out, fixed;
    if (!PyArg_ParseTuple(args, "O!O!O!LLLLOLO!", &PyList_Type, &points, &PyList_Type, &px_l, &PyList_Type, &py_l,
                          &gx, &gy, &least, &out, &port, &fixed, &PyDict_Type, &approach))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(px_l);
    if (PyList_GET_SIZE(py_l) != n) {
        PyErr_SetString(PyExc_ValueError, "arrive: the coordinate lists differ in length");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(points); k++) {
        PyObject *pair = PyList_GET_ITEM(points, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_ValueError, "arrive: (point, penalty) pairs are expected");
            return NULL;
        }
        PyObject *point = PyTuple_GET_ITEM(pair, 0);
        Py_ssize_t q = PyLong_AsSsize_t(point);
        if (q == -1 && PyErr_Occurred()) return NULL;
        if (q < 0 || q >= n) {
            PyErr_SetString(PyExc_ValueError, "arrive: a point off the grid");
            return NULL;
        }
        long long x = PyLong_AsLongLong(PyList_GET_ITEM(px_l, q)), y = PyLong_AsLongLong(PyList_GET_ITEM(py_l, q));
        if ((x == -1 || y == -1) && PyErr_Occurred()) return NULL;
        long long run = (x > gx ? x - gx : gx - x) + (y > gy ? y - gy : gy - y);
        if (run < least) continue;
        PyObject *list = PyDict_GetItemWithError(approach, point);  /* borrowed */
        if (!list) {
            if (PyErr_Occurred()) return NULL;
            list = PyList_New(0);
            if (!list) return NULL;
            int bad = PyDict_SetItem(approach, point, list);
            Py_DECREF(list);  /* the dict holds it */
            if (bad < 0) return NULL;
        }
        PyObject *item = Py_BuildValue("(LOL)", out, port, run + fixed);
        if (!item) return NULL;
        int bad = PyList_Append(list, item);
        Py_DECREF(item);
        if (bad < 0) return NULL;
    }
    Py_RETURN_NONE;
}

/* sop_direct._walk_route's arrive(): the least cost of coming into port ``g`` from point ``q`` reached at
 * ``cost`` moving ``moving``, over q's approach entries (out, port, extra), into *best (*has: one found) */
static int arrive_at(PyObject *approach, Py_ssize_t q, long long cost, long long moving, PyObject *g, long long BEND,
                     long long *best, int *has) {
    PyObject *key = PyLong_FromSsize_t(q);
    if (!key) return -1;
    PyObject *entries = PyDict_GetItemWithError(approach, key);  /* borrowed */
    Py_DECREF(key);
    if (!entries) return PyErr_Occurred() ? -1 : 0;
    PyObject *seq = PySequence_Fast(entries, "approach entries must be a sequence");
    if (!seq) return -1;
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(seq); k++) {
        PyObject *e = PySequence_Fast_GET_ITEM(seq, k);
        long long o, extra;
        PyObject *port;
        if (!PyArg_ParseTuple(e, "LOL", &o, &port, &extra)) goto fail;
        int same = PyObject_RichCompareBool(port, g, Py_EQ);
        if (same < 0) goto fail;
        if (same && moving != o) {  /* no turning back on itself */
            long long c = cost + extra + (moving != -o ? BEND : 0);
            if (!*has || c < *best) {
                *best = c;
                *has = 1;
            }
        }
    }
    Py_DECREF(seq);
    return 0;
fail:
    Py_DECREF(seq);
    return -1;
}

static int long_at(PyObject *list, Py_ssize_t i, long long *out) {
    *out = PyLong_AsLongLong(PyList_GET_ITEM(list, i));
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* sop_direct._walk_route after its start ray (sop_direct._route_rest is the same in Python): the least cost the
 * search's first stage gives the straight route along the ray (``cidx`` < 0) or the once-bent route turning at
 * ``cidx`` into steps ``m``; None when the route is not open to it */
static PyObject *route(PyObject *self, PyObject *args) {
    PyObject *points, *free_l, *px_l, *py_l, *hblk, *vblk, *hown, *vown, *pown, *zone, *approach, *g, *mine, *ends;
    long long px, py, run, start_cost, d, m, BEND, ZONE_COST;
    Py_ssize_t cidx, ny;
    if (!PyArg_ParseTuple(args, "O!LLnLLLLnO!O!O!O!O!O!O!O!O!O!OO!O!LL", &PyList_Type, &points, &px, &py, &cidx, &run,
                          &start_cost, &d, &m, &ny, &PyList_Type, &free_l, &PyList_Type, &px_l, &PyList_Type, &py_l,
                          &PySet_Type, &hblk, &PySet_Type, &vblk, &PyDict_Type, &hown, &PyDict_Type, &vown, &PyDict_Type,
                          &pown, &PyDict_Type, &zone, &PyDict_Type, &approach, &g, &PySet_Type, &mine, &PySet_Type,
                          &ends, &BEND, &ZONE_COST))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(free_l);
    if (ny <= 0 || PyList_GET_SIZE(px_l) != n || PyList_GET_SIZE(py_l) != n || cidx >= n) {
        PyErr_SetString(PyExc_ValueError, "route: the grid sizes do not agree");
        return NULL;
    }
    long long best = 0, at = 0;
    int has = 0, at_has = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(points); k++) {  /* the start ray, as the first stage */
        PyObject *pair = PyList_GET_ITEM(points, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_ValueError, "route: (point, penalty) pairs are expected");
            return NULL;
        }
        Py_ssize_t q = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
        if (q == -1 && PyErr_Occurred()) return NULL;
        if (q < 0 || q >= n) {
            PyErr_SetString(PyExc_ValueError, "route: a point off the grid");
            return NULL;
        }
        long long x, y;
        if (long_at(px_l, q, &x) < 0 || long_at(py_l, q, &y) < 0) return NULL;
        long long dist = (x > px ? x - px : px - x) + (y > py ? y - py : py - y);
        if (cidx < 0) {
            if (dist >= run && arrive_at(approach, q, start_cost + dist, d, g, BEND, &best, &has) < 0) return NULL;
            continue;
        }
        if (q == cidx) {
            if (dist >= run) {
                at = start_cost + dist;
                at_has = 1;
            }
            break;
        }
    }
    if (cidx >= 0 && at_has) {
        if (arrive_at(approach, cidx, at, d, g, BEND, &best, &has) < 0) return NULL;
        /* then the moves from the corner towards the port, checked and costed as the search's loop does */
        Py_ssize_t idx = cidx;
        long long cost = at, moving = d;
        int vertical = m == 1 || m == -1;
        PyObject *blk = vertical ? vblk : hblk, *own = vertical ? vown : hown;
        for (;;) {
            Py_ssize_t nxt = idx + (Py_ssize_t)m;
            if (vertical) {
                Py_ssize_t j = idx % ny;
                if ((m == 1 && j + 1 >= ny) || (m == -1 && j == 0)) break;
            } else if (nxt < 0 || nxt >= n) {
                break;
            }
            int is_free = PyObject_IsTrue(PyList_GET_ITEM(free_l, nxt));
            if (is_free < 0) return NULL;
            if (!is_free) break;
            int other = edge_closed(blk, own, m > 0 ? idx : nxt, mine);
            if (other < 0) return NULL;
            if (other) break;
            long long x0, y0, x1, y1;
            if (long_at(px_l, idx, &x0) < 0 || long_at(py_l, idx, &y0) < 0 || long_at(px_l, nxt, &x1) < 0 ||
                long_at(py_l, nxt, &y1) < 0)
                return NULL;
            cost += (x1 > x0 ? x1 - x0 : x0 - x1) + (y1 > y0 ? y1 - y0 : y0 - y1) + (m != moving ? BEND : 0);
            PyObject *point = PyLong_FromSsize_t(nxt);
            if (!point) return NULL;
            PyObject *o = PyDict_GetItemWithError(pown, point);
            other = o ? foreign(o, mine) : (PyErr_Occurred() ? -1 : 0);
            if (other) {  /* the first stage crosses nothing */
                Py_DECREF(point);
                if (other < 0) return NULL;
                break;
            }
            PyObject *z = PyDict_GetItemWithError(zone, point);
            Py_DECREF(point);
            other = z ? foreign(z, ends) : (PyErr_Occurred() ? -1 : 0);
            if (other < 0) return NULL;
            if (other) cost += ZONE_COST;
            idx = nxt;
            moving = m;
            if (arrive_at(approach, idx, cost, moving, g, BEND, &best, &has) < 0) return NULL;
        }
    }
    if (!has) Py_RETURN_NONE;
    return PyLong_FromLongLong(best);
}

/* the value of a list's item as a double (an int or a float; exact for the ints of a page's twips) */
static int item_double(PyObject *list, Py_ssize_t i, double *out) {
    *out = PyFloat_AsDouble(PyList_GET_ITEM(list, i));
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

/* Python's bisect.bisect_left (``right`` 0) or bisect_right (1) of ``v`` in a sorted list; -1 on error */
static Py_ssize_t bisect(PyObject *list, double v, int right) {
    Py_ssize_t lo = 0, hi = PyList_GET_SIZE(list);
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        double m;
        if (item_double(list, mid, &m) < 0) return -1;
        if (right ? v < m : m < v) {
            if (right) hi = mid; else lo = mid + 1;
        } else {
            if (right) lo = mid + 1; else hi = mid;
        }
    }
    return lo;
}

/* Tracks.add_obstacle (sop_tracks._obstacle is the same in Python): block the grid points inside the box
 * (x0, y0)-(x1, y1) and the unit edges it covers */
static PyObject *obstacle(PyObject *self, PyObject *args) {
    PyObject *xs, *ys, *free_l, *hblk, *vblk;
    double x0, y0, x1, y1;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!dddd", &PyList_Type, &xs, &PyList_Type, &ys, &PyList_Type, &free_l,
                          &PySet_Type, &hblk, &PySet_Type, &vblk, &x0, &y0, &x1, &y1))
        return NULL;
    Py_ssize_t nx = PyList_GET_SIZE(xs), ny = PyList_GET_SIZE(ys);
    if (PyList_GET_SIZE(free_l) != nx * ny) {
        PyErr_SetString(PyExc_ValueError, "obstacle: the grid sizes do not agree");
        return NULL;
    }
    /* bisect_left(xs, x0), bisect_right(xs, x1), the same in ys: the sorted tracks near the box */
    Py_ssize_t ia = bisect(xs, x0, 0), ib = bisect(xs, x1, 1), ja = bisect(ys, y0, 0), jb = bisect(ys, y1, 1);
    if (ia < 0 || ib < 0 || ja < 0 || jb < 0) return NULL;
    Py_ssize_t i_lo = ia > 0 ? ia - 1 : 0, i_hi = ib + 1 < nx ? ib + 1 : nx;
    Py_ssize_t j_lo = ja > 0 ? ja - 1 : 0, j_hi = jb + 1 < ny ? jb + 1 : ny;
    for (Py_ssize_t i = i_lo; i < i_hi; i++) {
        double x, x_next = 0;
        if (item_double(xs, i, &x) < 0 || (i + 1 < nx && item_double(xs, i + 1, &x_next) < 0)) return NULL;
        for (Py_ssize_t j = j_lo; j < j_hi; j++) {
            double y, y_next = 0;
            if (item_double(ys, j, &y) < 0 || (j + 1 < ny && item_double(ys, j + 1, &y_next) < 0)) return NULL;
            Py_ssize_t idx = i * ny + j;
            if (x0 < x && x < x1 && y0 < y && y < y1) {
                Py_INCREF(Py_False);
                if (PyList_SetItem(free_l, idx, Py_False) < 0) return NULL;
            }
            int h = i + 1 < nx && y0 < y && y < y1 && x < x1 && x_next > x0;
            int w = j + 1 < ny && x0 < x && x < x1 && y < y1 && y_next > y0;
            if (h || w) {
                PyObject *key = PyLong_FromSsize_t(idx);
                if (!key) return NULL;
                int bad = (h && PySet_Add(hblk, key) < 0) || (w && PySet_Add(vblk, key) < 0);
                Py_DECREF(key);
                if (bad) return NULL;
            }
        }
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"search", search, METH_VARARGS, "The router's A* loop: see layout/sop_tracks.py, Tracks._search."},
    {"walk", walk, METH_VARARGS, "A straight run on the grid: see layout/sop_tracks.py, Tracks._walk."},
    {"mark", mark, METH_VARARGS, "A line's marks in one table: see layout/sop_tracks.py, Tracks._mark."},
    {"arrive", arrive, METH_VARARGS, "Approach points of a run: see layout/sop_tracks.py, Tracks._approach."},
    {"obstacle", obstacle, METH_VARARGS, "A label's box on the grid: see layout/sop_tracks.py, Tracks.add_obstacle."},
    {"route", route, METH_VARARGS, "A straight or once-bent route's cost: see layout/sop_direct.py, _walk_route."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_astar", NULL, -1, methods};

PyMODINIT_FUNC PyInit__astar(void) { return PyModule_Create(&module); }
