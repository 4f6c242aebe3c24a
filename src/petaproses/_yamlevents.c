/* The common case of yamlsource._Composer in C: libyaml's events straight into plain data and positions.
 *
 * PyYAML's CParser makes a Python object (and two marks) for every event, and the composer's loop then reads
 * them: most of `check`'s time on a catalogue.  compose(text, max_nodes, max_depth, null_forms) drives the
 * same libyaml (0.2.5, as PyYAML's wheels) and returns (data, locs) as the composer makes them, where a file
 * is one document of mappings, lists and untagged scalars.  Anything else (a parse or reader error, an anchor,
 * alias or tag, a repeated or merge key, a collection as a key, a scalar as the document, more than one or
 * no document, too many nodes, too deep) returns None, and the composer reads the file itself with its
 * findings.  tests/test_yamlevents.py holds it equal to the composer.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <yaml.h>

typedef struct {
    PyObject *value; /* dict or list (a reference) */
    PyObject *path;  /* tuple (a reference) */
    PyObject *key;   /* mapping: the key waiting for its value, NULL when a key comes next (a reference) */
} Frame;

static PyObject *KEY_MARK; /* "<key>" */

/* path + (a,) or path + (a, b) */
static PyObject *extend(PyObject *path, PyObject *a, PyObject *b) {
    Py_ssize_t n = PyTuple_GET_SIZE(path);
    PyObject *out = PyTuple_New(n + (b ? 2 : 1));
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(path, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(out, i, item);
    }
    Py_INCREF(a);
    PyTuple_SET_ITEM(out, n, a);
    if (b) {
        Py_INCREF(b);
        PyTuple_SET_ITEM(out, n + 1, b);
    }
    PyObject_GC_UnTrack(out); /* texts and numbers only: no cycle; the collector need not visit ~800 a file */
    return out;
}

/* locs[where] = (line + 1, column + 1); steals ``where``; 0 on success */
static int locate(PyObject *locs, PyObject *where, yaml_mark_t mark) {
    if (!where) return -1;
    PyObject *pos = Py_BuildValue("(nn)", (Py_ssize_t)mark.line + 1, (Py_ssize_t)mark.column + 1);
    if (pos) PyObject_GC_UnTrack(pos);
    int err = pos ? PyDict_SetItem(locs, where, pos) : -1;
    Py_XDECREF(pos);
    Py_DECREF(where);
    return err;
}

static int quoted(yaml_scalar_style_t style) {
    /* PyYAML gives a style only to these; the composer reads any other (plain) as None */
    return style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
           style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE;
}

static PyObject *compose(PyObject *self, PyObject *args) {
    PyObject *text, *nulls;
    Py_ssize_t max_nodes, max_depth;
    int positions = 1; /* 0: the data alone (locs stays empty), as yamlsource reads a file to load it */
    if (!PyArg_ParseTuple(args, "UnnO|p", &text, &max_nodes, &max_depth, &nulls, &positions)) return NULL;
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (!utf8) { /* not UTF-8 (a lone surrogate): as PyYAML's reader would take it, in the composer */
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (max_depth < 1) max_depth = 1;
    Frame *stack = PyMem_Calloc((size_t)max_depth, sizeof(Frame));
    if (!stack) return PyErr_NoMemory();
    PyObject *locs = PyDict_New(), *root = NULL, *result = NULL, *empty = PyTuple_New(0);
    Py_ssize_t depth = 0, count = 0;
    int documents = 0, failed = 0, done = 0; /* failed: -1 a Python error, 1 not the common case */
    yaml_parser_t parser;
    yaml_event_t event;
    if (!locs || !empty || !yaml_parser_initialize(&parser)) {
        Py_XDECREF(locs);
        Py_XDECREF(empty);
        PyMem_Free(stack);
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)utf8, (size_t)size);
    while (!done && !failed) {
        if (!yaml_parser_parse(&parser, &event)) {
            failed = 1;
            break;
        }
        yaml_mark_t mark = event.start_mark;
        switch (event.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) failed = 1;
            break;
        case YAML_SCALAR_EVENT: {
            if (++count > max_nodes || event.data.scalar.anchor || event.data.scalar.tag || depth == 0) {
                failed = 1;
                break;
            }
            Frame *top = &stack[depth - 1];
            PyObject *value = PyUnicode_DecodeUTF8((const char *)event.data.scalar.value,
                                                   (Py_ssize_t)event.data.scalar.length, "strict");
            if (!value) { /* as PyYAML's reader would decode it, in the composer */
                PyErr_Clear();
                failed = 1;
                break;
            }
            int plain = !quoted(event.data.scalar.style);
            if (PyDict_CheckExact(top->value) && top->key == NULL) { /* a key */
                int seen = PyDict_Contains(top->value, value);
                if (seen < 0) failed = -1;
                else if (seen || (plain && PyUnicode_CompareWithASCIIString(value, "<<") == 0)) failed = 1;
                else if (positions && locate(locs, extend(top->path, value, KEY_MARK), mark) < 0) failed = -1;
                if (failed) Py_DECREF(value);
                else top->key = value;
                break;
            }
            if (plain) {
                int null = PySet_Contains(nulls, value);
                if (null < 0) {
                    Py_DECREF(value);
                    failed = -1;
                    break;
                }
                if (null) {
                    Py_DECREF(value);
                    value = Py_None;
                    Py_INCREF(value);
                }
            }
            if (PyDict_CheckExact(top->value)) {
                if ((positions && locate(locs, extend(top->path, top->key, NULL), mark) < 0) ||
                    PyDict_SetItem(top->value, top->key, value) < 0) failed = -1;
                Py_CLEAR(top->key);
            } else {
                if (positions) {
                    PyObject *index = PyLong_FromSsize_t(PyList_GET_SIZE(top->value));
                    if (!index || locate(locs, extend(top->path, index, NULL), mark) < 0) failed = -1;
                    Py_XDECREF(index);
                }
                if (!failed && PyList_Append(top->value, value) < 0) failed = -1;
            }
            Py_DECREF(value);
            break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            int mapping = event.type == YAML_MAPPING_START_EVENT;
            if (++count > max_nodes || depth >= max_depth ||
                (mapping ? (event.data.mapping_start.anchor || event.data.mapping_start.tag)
                         : (event.data.sequence_start.anchor || event.data.sequence_start.tag))) {
                failed = 1;
                break;
            }
            PyObject *path, *value = mapping ? PyDict_New() : PyList_New(0);
            if (!value) {
                failed = -1;
                break;
            }
            if (depth == 0) {
                path = empty;
                Py_INCREF(path);
                if (root) { /* cannot happen in one document; kept safe */
                    Py_DECREF(value);
                    Py_DECREF(path);
                    failed = 1;
                    break;
                }
                root = value;
                Py_INCREF(root);
            } else {
                Frame *top = &stack[depth - 1];
                if (PyDict_CheckExact(top->value)) {
                    if (top->key == NULL) { /* a collection as a key */
                        Py_DECREF(value);
                        failed = 1;
                        break;
                    }
                    if (positions) {
                        path = extend(top->path, top->key, NULL);
                    } else {
                        path = empty;
                        Py_INCREF(path);
                    }
                    if (!path || PyDict_SetItem(top->value, top->key, value) < 0) failed = -1;
                    Py_CLEAR(top->key);
                } else if (positions) {
                    PyObject *index = PyLong_FromSsize_t(PyList_GET_SIZE(top->value));
                    path = index ? extend(top->path, index, NULL) : NULL;
                    Py_XDECREF(index);
                    if (!path || PyList_Append(top->value, value) < 0) failed = -1;
                } else {
                    path = empty;
                    Py_INCREF(path);
                    if (PyList_Append(top->value, value) < 0) failed = -1;
                }
                if (failed) {
                    Py_XDECREF(path);
                    Py_DECREF(value);
                    break;
                }
            }
            if (positions) {
                Py_INCREF(path); /* one for the frame, one that locate takes */
                if (locate(locs, path, mark) < 0) {
                    Py_DECREF(path);
                    Py_DECREF(value);
                    failed = -1;
                    break;
                }
            }
            stack[depth].value = value;
            stack[depth].path = path;
            stack[depth].key = NULL;
            depth++;
            break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            if (depth == 0) {
                failed = 1;
                break;
            }
            depth--;
            Py_CLEAR(stack[depth].value);
            Py_CLEAR(stack[depth].path);
            Py_CLEAR(stack[depth].key);
            break;
        case YAML_ALIAS_EVENT:
            failed = 1;
            break;
        default: /* stream start, document end */
            break;
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    while (depth > 0) {
        depth--;
        Py_CLEAR(stack[depth].value);
        Py_CLEAR(stack[depth].path);
        Py_CLEAR(stack[depth].key);
    }
    PyMem_Free(stack);
    Py_DECREF(empty);
    if (failed == 0 && documents == 1 && root != NULL) {
        result = PyTuple_Pack(2, root, locs);
    } else if (failed >= 0) {
        result = Py_None;
        Py_INCREF(result);
    }
    Py_XDECREF(root);
    Py_DECREF(locs);
    return result;
}

static PyMethodDef methods[] = {
    {"compose", compose, METH_VARARGS,
     "compose(text, max_nodes, max_depth, null_forms, positions=True) -> (data, locs), or None where the composer "
     "must read it; without positions locs is empty"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_yamlevents", NULL, -1, methods};

PyMODINIT_FUNC PyInit__yamlevents(void) {
    KEY_MARK = PyUnicode_InternFromString("<key>");
    if (!KEY_MARK) return NULL;
    return PyModule_Create(&module);
}
