/* The search for a branch label's box of the SOP flowchart router (layout/sop_labels.py, Labels._best_label,
 * _label_near and label_run) in C.
 *
 * The same candidates in the same order, the same tests (in the actor columns, clear of every line, symbol
 * and label, inside one cell) and the same choice: the least score (outside, hit, not in one cell, distance
 * band, variant, position), unique per candidate, so the pruning (what cannot beat the best so far is not
 * tested) does not change the answer.  The Python methods stay as the fallback where no compiler built this
 * module, and tests/test_labels_c.py compares the two on every label of the sample, real and synthetic SOPs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int64_t I;

typedef struct {
    I *lane_rights, *lane_lefts, *lane_widths, *row_tops, *row_bottoms, *boxes;
    Py_ssize_t nl, nr, nb;
    I x_lo, x_hi, y_lo, y_hi, clear;
} Page;

static I *ints(PyObject *seq, Py_ssize_t *n, Py_ssize_t width) {
    /* a list of ints, or of tuples of ``width`` ints, as one flat array (NULL with an exception set) */
    PyObject *fast = PySequence_Fast(seq, "a sequence was expected");
    if (!fast) return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(fast);
    I *out = malloc((size_t)(len * width + 1) * sizeof(I));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(fast, i);
        if (width == 1) {
            out[i] = PyLong_AsLongLong(item);
        } else {
            if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != width) {
                PyErr_SetString(PyExc_TypeError, "a tuple of ints was expected");
                free(out);
                Py_DECREF(fast);
                return NULL;
            }
            for (Py_ssize_t k = 0; k < width; k++) out[i * width + k] = PyLong_AsLongLong(PyTuple_GET_ITEM(item, k));
        }
        if (PyErr_Occurred()) {
            free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    *n = len;
    Py_DECREF(fast);
    return out;
}

static void page_free(Page *p) {
    free(p->lane_rights);
    free(p->lane_lefts);
    free(p->lane_widths);
    free(p->row_tops);
    free(p->row_bottoms);
    free(p->boxes);
}

static int page_read(Page *p, PyObject *bounds, PyObject *boxes, PyObject *lanes, PyObject *rows) {
    /* bounds: (x_lo, x_hi, y_lo, y_hi, clear); lanes: (rights, lefts, widths); rows: (tops, bottoms) */
    Py_ssize_t n1, n2;
    memset(p, 0, sizeof(*p));
    if (!PyArg_ParseTuple(bounds, "LLLLL", &p->x_lo, &p->x_hi, &p->y_lo, &p->y_hi, &p->clear)) return -1;
    PyObject *r, *l, *w, *t, *b;
    if (!PyArg_ParseTuple(lanes, "OOO", &r, &l, &w) || !PyArg_ParseTuple(rows, "OO", &t, &b)) return -1;
    if (!(p->lane_rights = ints(r, &p->nl, 1)) || !(p->lane_lefts = ints(l, &n1, 1)) ||
        !(p->lane_widths = ints(w, &n2, 1)) || n1 != p->nl || n2 != p->nl || p->nl < 1 ||
        !(p->row_tops = ints(t, &p->nr, 1)) || !(p->row_bottoms = ints(b, &n1, 1)) || n1 != p->nr ||
        !(p->boxes = ints(boxes, &p->nb, 4))) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "lanes and rows must be of equal lengths");
        page_free(p);
        return -1;
    }
    return 0;
}

static I *page_open(Page *p, PyObject *sizes, Py_ssize_t *nv, I step, PyObject *bounds, PyObject *boxes,
                    PyObject *lanes, PyObject *rows) {
    /* the page and the label's sizes (w, h per variant); NULL with an exception set */
    if (step <= 0) {
        PyErr_SetString(PyExc_ValueError, "step must be positive");
        return NULL;
    }
    if (page_read(p, bounds, boxes, lanes, rows) < 0) return NULL;
    I *wh = ints(sizes, nv, 2);
    if (!wh) page_free(p);
    return wh;
}

static void spots(I px, I py, I nx, I ny, I t, I w, I h, I gap, I *xs, I *ys) {
    /* the two boxes beside a line at ``t`` along it (``Labels._spots_at``) */
    if (nx) {
        xs[0] = xs[1] = nx > 0 ? px + t : px - t - w;
        ys[0] = py - h - 15;
        ys[1] = py + 15;
    } else {
        ys[0] = ys[1] = ny > 0 ? py + t : py - t - h;
        xs[0] = px + gap;
        xs[1] = px - gap - w;
    }
}

static int in_actors(const Page *p, I x, I y, I w, I h) {
    return p->x_lo <= x && x + w <= p->x_hi && p->y_lo <= y && y + h <= p->y_hi;
}

static int in_one_cell(const Page *p, I x, I y, I w, I h) {
    /* the lane of the box's middle (bisect_right on the lanes' right edges, the last lane at most), then the
       last row whose inside starts at or above y */
    double mid = (double)x + (double)w / 2.0;
    Py_ssize_t lo = 0, hi = p->nl;
    while (lo < hi) {
        Py_ssize_t m = (lo + hi) / 2;
        if (mid < (double)p->lane_rights[m]) hi = m;
        else lo = m + 1;
    }
    Py_ssize_t lane = lo < p->nl - 1 ? lo : p->nl - 1;
    I left = p->lane_lefts[lane];
    if (!(left + 20 <= x && x + w <= left + p->lane_widths[lane] - 20)) return 0;
    lo = 0;
    hi = p->nr;
    while (lo < hi) {
        Py_ssize_t m = (lo + hi) / 2;
        if (y < p->row_tops[m]) hi = m;
        else lo = m + 1;
    }
    return lo - 1 >= 0 && y + h <= p->row_bottoms[lo - 1];
}

static int hit(const Page *p, I x, I y, I w, I h) {
    I x0 = x - p->clear, y0 = y - 10, x1 = x + w + p->clear, y1 = y + h + 10;
    if (x < p->x_lo || x + w > p->x_hi || y < p->y_lo || y + h > p->y_hi) return 1;
    for (Py_ssize_t i = 0; i < p->nb; i++) {
        const I *b = p->boxes + 4 * i; /* right, left, bottom, top */
        if (b[0] > x0 && b[1] < x1 && b[2] > y0 && b[3] < y1) return 1;
    }
    return 0;
}

static int less6(const I *a, const I *b) {
    for (int k = 0; k < 6; k++) {
        if (a[k] != b[k]) return a[k] < b[k];
    }
    return 0;
}

static I *cell_edges(Page *p, I *wh, I px, I py, I nx, I ny, I gap, I step, Py_ssize_t *ne) {
    /* the runs along a line from (px, py) that put a label's near edge on the inside edge of a cell ahead,
       sorted, each once, those past ``gap`` and off the grid of ``step``s (``Labels._edges``); NULL with an
       exception set, the page and the sizes ``wh`` freed, when there is no memory */
    Py_ssize_t n = nx ? p->nl : p->nr;
    I *edges = malloc((size_t)(n + 1) * sizeof(I));
    if (!edges) {
        free(wh);
        page_free(p);
        PyErr_NoMemory();
        return NULL;
    }
    *ne = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        I e = nx > 0 ? p->lane_lefts[i] + 20 - px
            : nx < 0 ? px - p->lane_lefts[i] - p->lane_widths[i] + 20
            : ny > 0 ? p->row_tops[i] - py : py - p->row_bottoms[i];
        if (e > gap && (e - gap) % step != 0) edges[(*ne)++] = e;
    }
    for (Py_ssize_t i = 1; i < *ne; i++) /* insertion sort: a page has a few lanes or rows */
        for (Py_ssize_t k = i; k > 0 && edges[k - 1] > edges[k]; k--) {
            I tmp = edges[k];
            edges[k] = edges[k - 1];
            edges[k - 1] = tmp;
        }
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < *ne; i++)
        if (!m || edges[m - 1] != edges[i]) edges[m++] = edges[i];
    *ne = m;
    return edges;
}

static PyObject *best(PyObject *self, PyObject *args) {
    /* best(sizes, (px, py), (qx, qy), gap, step, bounds, boxes, lanes, rows) -> (score, x, y, right) */
    PyObject *sizes, *bounds, *boxes, *lanes, *rows;
    I px, py, qx, qy, gap, step;
    if (!PyArg_ParseTuple(args, "O(LL)(LL)LLOOOO", &sizes, &px, &py, &qx, &qy, &gap, &step, &bounds, &boxes,
                          &lanes, &rows))
        return NULL;
    Page p;
    Py_ssize_t nv;
    I *wh = page_open(&p, sizes, &nv, step, bounds, boxes, lanes, rows);
    if (!wh) return NULL;
    I nx = (qx > px) - (qx < px), ny = (qy > py) - (qy < py);
    I length = (qx > px ? qx - px : px - qx) + (qy > py ? qy - py : py - qy);
    Py_ssize_t ne = 0;
    I *edges = cell_edges(&p, wh, px, py, nx, ny, gap, step, &ne);
    if (!edges) return NULL;
    int found = 0;
    I score[6] = {0}, bx = 0, by = 0, bright = 0;
    for (Py_ssize_t vi = 0; vi < nv; vi++) {
        I w = wh[2 * vi], h = wh[2 * vi + 1];
        I along = nx ? w : h;
        I limit = length > along + 2 * gap ? length : along + 2 * gap;
        I pi = 0, t = gap;
        int grid = 1; /* the steps' grid first, then the cells' edges off it (``Labels._label_spots``) */
        Py_ssize_t ei = 0;
        for (;;) {
            if (grid && t + along + gap > limit) grid = 0;
            if (!grid) {
                if (ei >= ne || edges[ei] + along + gap > limit) break; /* (sorted: none after fits either) */
                t = edges[ei++];
            }
            I xs[2], ys[2];
            spots(px, py, nx, ny, t, w, h, gap, xs, ys);
            int stop = 0;
            for (int s = 0; s < 2; s++, pi++) {
                I x = xs[s], y = ys[s];
                if (found && score[0] == 0 && score[1] == 0 && score[2] == 0 && pi / 4 >= score[3]) {
                    stop = 1; /* a free box in one cell: only a nearer spot of a later variant beats it */
                    break;
                }
                I out = !in_actors(&p, x, y, w, h), cell = -1;
                if (found) {
                    if (out > score[0]) continue;
                    if (out == score[0] && !score[1]) {
                        cell = !in_one_cell(&p, x, y, w, h);
                        I rest[6] = {score[0], score[1], cell, pi / 4, vi, pi};
                        if (!less6(rest, score)) continue;
                    }
                }
                if (cell < 0) cell = !in_one_cell(&p, x, y, w, h);
                I cand[6] = {out, hit(&p, x, y, w, h), cell, pi / 4, vi, pi};
                if (!found || less6(cand, score)) {
                    for (int k = 0; k < 6; k++) score[k] = cand[k];
                    bx = x;
                    by = y;
                    bright = nx < 0 || (!nx && x < px);
                    found = 1;
                }
            }
            if (stop) break;
            if (grid) t += step;
        }
    }
    free(edges);
    free(wh);
    page_free(&p);
    if (!found) Py_RETURN_NONE;
    return Py_BuildValue("(LLLLLL)LLO", score[0], score[1], score[2], score[3], score[4], score[5], bx, by,
                         bright ? Py_True : Py_False);
}

static PyObject *near(PyObject *self, PyObject *args) {
    /* near(sizes, (ax, ay), step, bounds, boxes, lanes, rows) -> (variant, x, y) or None: the first free box
       in one cell by (distance, variant, dx, dy), dx in -20..20 and dy in -10..10 steps, else the first free */
    PyObject *sizes, *bounds, *boxes, *lanes, *rows;
    I ax, ay, step;
    if (!PyArg_ParseTuple(args, "O(LL)LOOOO", &sizes, &ax, &ay, &step, &bounds, &boxes, &lanes, &rows)) return NULL;
    Page p;
    Py_ssize_t nv;
    I *wh = page_open(&p, sizes, &nv, step, bounds, boxes, lanes, rows);
    if (!wh) return NULL;
    int have_free = 0;
    I fv = 0, fx = 0, fy = 0;
    for (I d = 0; d <= 30; d++) {
        for (Py_ssize_t vi = 0; vi < nv; vi++) {
            I w = wh[2 * vi], h = wh[2 * vi + 1];
            for (I dx = -20; dx <= 20; dx++) {
                I rem = d - (dx < 0 ? -dx : dx);
                if (rem < 0 || rem > 10) continue;
                for (int s = 0; s < (rem ? 2 : 1); s++) {
                    I dy = s ? rem : -rem;
                    I x = ax + dx * step - (dx < 0 ? w : 0), y = ay + dy * step - (dy < 0 ? h : 0);
                    int cell = in_one_cell(&p, x, y, w, h);
                    if ((cell || !have_free) && !hit(&p, x, y, w, h)) {
                        if (cell) {
                            free(wh);
                            page_free(&p);
                            return Py_BuildValue("nLL", vi, x, y);
                        }
                        have_free = 1;
                        fv = vi;
                        fx = x;
                        fy = y;
                    }
                }
            }
        }
    }
    free(wh);
    page_free(&p);
    if (!have_free) Py_RETURN_NONE;
    return Py_BuildValue("LLL", fv, fx, fy);
}

static PyObject *run(PyObject *self, PyObject *args) {
    /* run(sizes, (px, py), (nx, ny), gap, step, limit, bounds, boxes, lanes, rows) -> least run or None: the
       shortest straight run from a port after which a label's box (a variant, either side) is in one cell and
       clear of the boxes (symbols and labels) and in the actor columns; runs in ``step``s up to ``limit``, and
       those that put the label's near edge on the inside edge of a cell ahead (``Labels._runs``) */
    PyObject *sizes, *bounds, *boxes, *lanes, *rows;
    I px, py, nx, ny, gap, step, limit;
    if (!PyArg_ParseTuple(args, "O(LL)(LL)LLLOOOO", &sizes, &px, &py, &nx, &ny, &gap, &step, &limit, &bounds,
                          &boxes, &lanes, &rows))
        return NULL;
    Page p;
    Py_ssize_t nv;
    I *wh = page_open(&p, sizes, &nv, step, bounds, boxes, lanes, rows);
    if (!wh) return NULL;
    int found = 0;
    I best = 0;
    /* besides every step, the runs that put the label's near edge on a cell's inside edge (``Labels._runs``) */
    Py_ssize_t ne = 0;
    I *edges = cell_edges(&p, wh, px, py, nx, ny, gap, step, &ne);
    if (!edges) return NULL;
    for (Py_ssize_t vi = 0; vi < nv; vi++) {
        I w = wh[2 * vi], h = wh[2 * vi + 1];
        I along = nx ? w : h;
        I next_grid = gap, last = gap - 1;
        Py_ssize_t ei = 0;
        for (;;) {
            I t;
            while (ei < ne && edges[ei] <= last) ei++;
            if (ei < ne && edges[ei] < next_grid) {
                t = edges[ei++];
            } else {
                t = next_grid;
                next_grid += step;
            }
            last = t;
            if (!(t + along + gap <= limit) || (found && t + along + gap >= best)) break;
            I xs[2], ys[2];
            spots(px, py, nx, ny, t, w, h, gap, xs, ys);
            int ok = 0;
            for (int s = 0; s < 2 && !ok; s++) ok = in_one_cell(&p, xs[s], ys[s], w, h) && !hit(&p, xs[s], ys[s], w, h);
            if (ok) {
                best = t + along + gap;
                found = 1;
                break;
            }
        }
    }
    free(edges);
    free(wh);
    page_free(&p);
    if (!found) Py_RETURN_NONE;
    return PyLong_FromLongLong(best);
}

static PyMethodDef methods[] = {
    {"best", best, METH_VARARGS, "A branch label's box beside its line: see layout/sop_labels.py, _best_label."},
    {"near", near, METH_VARARGS, "A branch label's nearest free box: see layout/sop_labels.py, _label_near."},
    {"run", run, METH_VARARGS, "A labelled exit's least straight run: see layout/sop_labels.py, label_run."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_labels", NULL, -1, methods};

PyMODINIT_FUNC PyInit__labels(void) { return PyModule_Create(&module); }
