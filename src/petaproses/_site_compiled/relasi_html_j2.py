from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'relasi.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'relasi.html.j2')
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
    l_0_rmap = resolve('rmap')
    l_0_settings = resolve('settings')
    l_0_links = resolve('links')
    l_0_files = resolve('files')
    l_0_relations = resolve('relations')
    l_0_hidden = resolve('hidden')
    l_0_svg = resolve('svg')
    l_0_parties = resolve('parties')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '\n<nav class="crumbs"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">Beranda</a> › Peta relasi</nav>\n<h1>'
    yield escape(environment.getattr((undefined(name='rmap') if l_0_rmap is missing else l_0_rmap), 'title'))
    yield '</h1>\n<p class="lead">Dibuat dari katalog: setiap serah terima pada SOP dan peta lintas fungsi (pelaksana langkah berikutnya berbeda), aliran pemangku kepentingan peta level 1, dan relasi tambahan berkas <code>peta-relasi</code>. Angka pada garis: berapa proses yang memakai relasi itu. Klik garis untuk melihat SOP di baliknya.'
    if (undefined(name='settings') if l_0_settings is missing else l_0_settings):
        pass
        yield ' Pengaturan: '
        l_1_loop = missing
        for l_1_s, l_1_loop in LoopContext((undefined(name='settings') if l_0_settings is missing else l_0_settings), undefined):
            _loop_vars = {}
            pass
            yield '<code>'
            yield escape(l_1_s)
            yield '</code>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_s = missing
        yield '.'
    yield '</p>\n<p class="relasi-nav">'
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
    yield '</p>\n<p class="meta">'
    yield escape(t_2(environment.getattr((undefined(name='rmap') if l_0_rmap is missing else l_0_rmap), 'parties')))
    yield ' pihak · '
    yield escape(t_2((undefined(name='relations') if l_0_relations is missing else l_0_relations)))
    yield ' relasi'
    if (undefined(name='hidden') if l_0_hidden is missing else l_0_hidden):
        pass
        yield ' · '
        yield escape(t_2((undefined(name='hidden') if l_0_hidden is missing else l_0_hidden)))
        yield ' relasi tidak digambar'
        if (environment.getattr((undefined(name='rmap') if l_0_rmap is missing else l_0_rmap), 'threshold') > 1):
            pass
            yield ' (ambang '
            yield escape(environment.getattr((undefined(name='rmap') if l_0_rmap is missing else l_0_rmap), 'threshold'))
            yield ' proses)'
    yield '</p>\n'
    if (undefined(name='svg') if l_0_svg is missing else l_0_svg):
        pass
        yield '\n<section class="diagram">\n  <div class="zoom-controls"><button type="button" data-zoom="1.25">Perbesar</button><button type="button" data-zoom="0.8">Perkecil</button><button type="button" data-zoom="0">Pas</button></div>\n  <div class="svg-frame"><div class="svg-inner">'
        yield escape((undefined(name='svg') if l_0_svg is missing else l_0_svg))
        yield '</div></div>\n</section>\n'
    yield '\n<section><h2>Relasi</h2>\n<table class="relasi">\n<thead><tr><th>No</th><th>Dari</th><th>Kepada</th><th>Yang diserahkan</th><th>Proses</th><th>SOP dan peta di baliknya (langkah)</th></tr></thead>\n<tbody>\n'
    for l_1_r in (undefined(name='relations') if l_0_relations is missing else l_0_relations):
        _loop_vars = {}
        pass
        yield '<tr id="relasi-'
        yield escape(environment.getattr(l_1_r, 'no'))
        yield '"'
        if (not environment.getattr(l_1_r, 'derived')):
            pass
            yield ' class="tambahan"'
        yield '><td>'
        yield escape(environment.getattr(l_1_r, 'no'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'dari'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'ke'))
        yield '</td><td>'
        if environment.getattr(l_1_r, 'passed'):
            pass
            yield '<ul>'
            for l_2_i in environment.getattr(l_1_r, 'passed'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(l_2_i)
                yield '</li>'
            l_2_i = missing
            yield '</ul>'
        for l_2_n in environment.getattr(l_1_r, 'notes'):
            _loop_vars = {}
            pass
            yield '<span class="branch">'
            yield escape(l_2_n)
            yield '</span>'
        l_2_n = missing
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'count'))
        if environment.getattr(l_1_r, 'manual'):
            pass
            yield '<br><span class="branch">ditambahkan di berkas peta-relasi</span>'
        yield '</td><td>'
        yield escape(environment.getattr(l_1_r, 'sources_html'))
        yield '</td></tr>\n'
    l_1_r = missing
    yield '</tbody></table></section>\n'
    if (undefined(name='hidden') if l_0_hidden is missing else l_0_hidden):
        pass
        yield '\n<section><details><summary><h2 class="inline">Relasi yang tidak digambar ('
        yield escape(t_2((undefined(name='hidden') if l_0_hidden is missing else l_0_hidden)))
        yield ')</h2></summary>\n<p class="meta">Di bawah ambang'
        if (environment.getattr((undefined(name='rmap') if l_0_rmap is missing else l_0_rmap), 'threshold') > 1):
            pass
            yield ' '
            yield escape(environment.getattr((undefined(name='rmap') if l_0_rmap is missing else l_0_rmap), 'threshold'))
            yield ' proses'
        yield ' atau pada daftar <code>sembunyikan</code> berkas peta-relasi.</p>\n<table class="relasi"><thead><tr><th>Dari</th><th>Kepada</th><th>Yang diserahkan</th><th>Proses</th><th>SOP dan peta</th></tr></thead><tbody>\n'
        for l_1_r in (undefined(name='hidden') if l_0_hidden is missing else l_0_hidden):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.getattr(l_1_r, 'dari'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_r, 'ke'))
            yield '</td><td>'
            yield escape(t_1(context.eval_ctx, environment.getattr(l_1_r, 'passed'), '; '))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_r, 'count'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_r, 'sources_html'))
            yield '</td></tr>\n'
        l_1_r = missing
        yield '</tbody></table></details></section>\n'
    yield '\n<section><h2>Pihak</h2>\n<table><thead><tr><th>Pihak</th><th>Kelompok</th><th>Unit</th><th>Penempatan</th></tr></thead><tbody>\n'
    for l_1_p in (undefined(name='parties') if l_0_parties is missing else l_0_parties):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.getattr(l_1_p, 'name'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'group'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'unit'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_p, 'how'))
        yield '</td></tr>\n'
    l_1_p = missing
    yield '</tbody></table></section>\n'

blocks = {'main': block_main}
debug_info = '1=12&2=17&3=47&4=49&5=51&6=68&7=90&8=103&9=118&12=121&19=124&21=168&22=171&23=173&25=179&30=196'
