from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_institution = resolve('institution')
    l_0_root = resolve('root')
    l_0_version = resolve('version')
    pass
    yield '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield ' · '
    yield escape((undefined(name='institution') if l_0_institution is missing else l_0_institution))
    yield '</title>\n<link rel="stylesheet" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'aset/gaya.css">\n</head>\n<body>\n<header class="top">\n  <a class="home" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">'
    yield escape((undefined(name='institution') if l_0_institution is missing else l_0_institution))
    yield '<span class="home-sub"> · Peta Proses Bisnis dan SOP</span></a>\n  <form class="search" role="search" onsubmit="return false">\n    <input id="cari" type="search" placeholder="Cari nama atau kode…" aria-label="Cari nama atau kode" autocomplete="off">\n    <ul id="hasil-cari" hidden></ul>\n  </form>\n</header>\n<main>\n'
    yield from context.blocks['main'][0](context)
    yield '\n</main>\n<footer>Dibuat oleh petaproses '
    yield escape((undefined(name='version') if l_0_version is missing else l_0_version))
    yield ' dari berkas YAML; ubah berkasnya, bukan halaman ini.</footer>\n<script src="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'aset/indeks.js"></script>\n<script src="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'aset/basi.js"></script>\n<script src="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'aset/situs.js"></script>\n</body>\n</html>\n'

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'main': block_main}
debug_info = '6=16&7=20&11=22&18=26&20=28&21=30&22=32&23=34&18=37'
