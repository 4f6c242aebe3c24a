from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'aplikasi.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'aplikasi.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    l_0_m = resolve('m')
    l_0_links = resolve('links')
    l_0_files = resolve('files')
    l_0_columns = resolve('columns')
    l_0_rows = resolve('rows')
    l_0_replaced = resolve('replaced')
    l_0_register = resolve('register')
    pass
    yield '\n<nav class="crumbs"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">Beranda</a> › Matriks proses dan aplikasi</nav>\n<h1>'
    yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'title'))
    yield '</h1>\n<p class="lead">Aplikasi SPBE yang dipakai setiap proses (kunci <code>aplikasi</code> pada kegiatan, nama dari register aplikasi). Angka: berapa langkah proses itu memakai aplikasi tersebut. <strong>Umum</strong>: Aplikasi Umum SPBE yang dipakai bersama (Perpres 95/2018 tentang SPBE, Pasal 36).</p>\n<p class="relasi-nav">'
    l_1_loop = missing
    for l_1_l, l_1_loop in LoopContext((undefined(name='links') if l_0_links is missing else l_0_links), undefined):
        l_1_current = resolve('current')
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_l, 'url') == (undefined(name='current') if l_1_current is missing else l_1_current)):
            pass
            yield '<strong>'
            yield escape(environment.getattr(l_1_l, 'label'))
            yield '</strong>'
        else:
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_l, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_l, 'label'))
            yield '</a>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield ' · '
    l_1_loop = l_1_l = l_1_current = missing
    yield '</p>\n<p class="downloads">'
    l_1_loop = missing
    for l_1_f, l_1_loop in LoopContext((undefined(name='files') if l_0_files is missing else l_0_files), undefined):
        _loop_vars = {}
        pass
        yield '<a href="'
        yield escape(environment.getattr(l_1_f, 'url'))
        yield '">'
        yield escape(environment.getattr(l_1_f, 'label'))
        yield '</a>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield ' · '
    l_1_loop = l_1_f = missing
    yield '</p>\n<div class="matrix-frame">\n<table class="matrix">\n<thead><tr><th>Kode</th><th>Proses</th><th>Langkah</th><th>Beraplikasi</th><th>%</th>'
    for l_1_c in (undefined(name='columns') if l_0_columns is missing else l_0_columns):
        _loop_vars = {}
        pass
        yield '<th class="app'
        if environment.getattr(l_1_c, 'umum'):
            pass
            yield ' umum'
        yield '" title="'
        yield escape(environment.getattr(l_1_c, 'name'))
        yield '">'
        yield escape(environment.getattr(l_1_c, 'short'))
        yield '</th>'
    l_1_c = missing
    yield '</tr></thead>\n<tbody>\n'
    for l_1_r in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        _loop_vars = {}
        pass
        yield '<tr><td><a href="'
        yield escape(environment.getattr(l_1_r, 'url'))
        yield '"><code>'
        yield escape(environment.getattr(l_1_r, 'kode'))
        yield '</code></a></td><td>'
        yield escape(environment.getattr(l_1_r, 'nama'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'steps'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'with_app'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'share'))
        yield '</td>'
        for l_2_n in environment.getattr(l_1_r, 'cells'):
            _loop_vars = {}
            pass
            yield '<td class="cell'
            if l_2_n:
                pass
                yield ' used'
            yield '">'
            if l_2_n:
                pass
                yield escape(l_2_n)
            yield '</td>'
        l_2_n = missing
        yield '</tr>\n'
    l_1_r = missing
    yield '</tbody>\n<tfoot><tr><th colspan="5">Jumlah proses yang memakai</th>'
    for l_1_c in (undefined(name='columns') if l_0_columns is missing else l_0_columns):
        _loop_vars = {}
        pass
        yield '<th>'
        yield escape(environment.getattr(l_1_c, 'used'))
        yield '</th>'
    l_1_c = missing
    yield '</tr></tfoot>\n</table></div>\n'
    if (undefined(name='replaced') if l_0_replaced is missing else l_0_replaced):
        pass
        yield '\n<section class="warnings"><h2>Aplikasi yang sudah diganti aplikasi umum</h2><ul>\n'
        for l_1_x in (undefined(name='replaced') if l_0_replaced is missing else l_0_replaced):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_1_x, 'url'))
            yield '"><code>'
            yield escape(environment.getattr(l_1_x, 'kode'))
            yield '</code></a> langkah '
            yield escape(environment.getattr(l_1_x, 'no'))
            yield ' ('
            yield escape(environment.getattr(l_1_x, 'uraian'))
            yield '): '
            yield escape(environment.getattr(l_1_x, 'lama'))
            yield ' → pakai '
            yield escape(environment.getattr(l_1_x, 'baru'))
            yield '</li>'
        l_1_x = missing
        yield '\n</ul></section>\n'
    yield '\n'
    if (undefined(name='register') if l_0_register is missing else l_0_register):
        pass
        yield '\n<section><h2>Register aplikasi</h2>\n<table><thead><tr><th>Id</th><th>Nama</th><th>Pemilik</th><th>Umum</th><th>Fungsi</th><th>Diganti oleh</th></tr></thead><tbody>\n'
        for l_1_a in (undefined(name='register') if l_0_register is missing else l_0_register):
            _loop_vars = {}
            pass
            yield '<tr><td><code>'
            yield escape(environment.getattr(l_1_a, 'id'))
            yield '</code></td><td>'
            if (environment.getattr(l_1_a, 'url') and (context.call(environment.getattr(environment.getattr(l_1_a, 'url'), 'startswith'), 'https://', _loop_vars=_loop_vars) or context.call(environment.getattr(environment.getattr(l_1_a, 'url'), 'startswith'), 'http://', _loop_vars=_loop_vars))):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_a, 'url'))
                yield '" rel="noopener noreferrer">'
                yield escape(environment.getattr(l_1_a, 'nama'))
                yield '</a>'
            else:
                pass
                yield escape(environment.getattr(l_1_a, 'nama'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_a, 'owner'))
            yield '</td><td>'
            yield escape(('ya' if environment.getattr(l_1_a, 'umum') else 'tidak'))
            yield '</td><td>'
            yield escape((environment.getattr(l_1_a, 'fungsi') or ''))
            yield '</td><td>'
            yield escape((environment.getattr(l_1_a, 'diganti_oleh') or ''))
            yield '</td></tr>\n'
        l_1_a = missing
        yield '</tbody></table></section>\n'
    yield '\n'

blocks = {'main': block_main}
debug_info = '1=12&2=17&3=34&4=36&6=39&7=61&10=74&12=88&14=120&16=128&18=131&21=150&24=153'
