from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'banding.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'banding.html.j2')
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
    l_0_c = resolve('c')
    l_0_dt = l_0_dl = missing
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
    yield 'index.html">Beranda</a> › Perbandingan</nav>\n<h1>Perbandingan sebelum/sesudah: '
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), 'nama'))
    yield '</h1>\n<p class="meta"><code>'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), 'kode'))
    yield '</code> · sebelum: <code>'
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'before_label'))
    yield '</code> · sesudah: <code>'
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after_label'))
    yield '</code></p>\n<table class="metrics compare">\n<thead><tr><th>Ukuran</th><th>Sebelum</th><th>Sesudah</th><th>Selisih</th></tr></thead>\n<tbody>\n'
    for (l_1_name, l_1_key) in [('Jumlah langkah', 'langkah'), ('Jumlah pelaksana', 'pelaksana'), ('Serah terima antarpelaksana', 'serah_terima'), ('Keputusan', 'keputusan'), ('Putaran balik', 'putaran'), ('Langkah tanpa mutu baku lengkap', 'tanpa_mutu_baku')]:
        l_1_b = l_1_a = missing
        _loop_vars = {}
        pass
        yield '\n'
        l_1_b = environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'before'), l_1_key)
        _loop_vars['b'] = l_1_b
        l_1_a = environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), l_1_key)
        _loop_vars['a'] = l_1_a
        yield '\n<tr><th>'
        yield escape(l_1_name)
        yield '</th><td>'
        yield escape((undefined(name='b') if l_1_b is missing else l_1_b))
        yield '</td><td>'
        yield escape((undefined(name='a') if l_1_a is missing else l_1_a))
        yield '</td><td class="'
        yield escape(('better' if ((undefined(name='a') if l_1_a is missing else l_1_a) < (undefined(name='b') if l_1_b is missing else l_1_b)) else ('worse' if ((undefined(name='a') if l_1_a is missing else l_1_a) > (undefined(name='b') if l_1_b is missing else l_1_b)) else '')))
        yield '">'
        yield escape(environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'selisih'), l_1_key))
        yield '</td></tr>\n'
    l_1_name = l_1_key = l_1_b = l_1_a = missing
    yield '\n'
    l_0_dt = (environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), 'waktu_terpendek_menit') - environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'before'), 'waktu_terpendek_menit'))
    _block_vars['dt'] = l_0_dt
    l_0_dl = (environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), 'waktu_terpanjang_menit') - environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'before'), 'waktu_terpanjang_menit'))
    _block_vars['dl'] = l_0_dl
    yield '\n<tr><th>Waktu jalur tercepat</th><td>'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'before'), 'waktu_terpendek'))
    yield '</td><td>'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), 'waktu_terpendek'))
    yield '</td><td class="'
    yield escape(('better' if ((undefined(name='dt') if l_0_dt is missing else l_0_dt) < 0) else ('worse' if ((undefined(name='dt') if l_0_dt is missing else l_0_dt) > 0) else '')))
    yield '">'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'selisih'), 'waktu_terpendek_menit'))
    yield '</td></tr>\n<tr><th>Waktu jalur terlama</th><td>'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'before'), 'waktu_terpanjang'))
    yield '</td><td>'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'after'), 'waktu_terpanjang'))
    yield '</td><td class="'
    yield escape(('better' if ((undefined(name='dl') if l_0_dl is missing else l_0_dl) < 0) else ('worse' if ((undefined(name='dl') if l_0_dl is missing else l_0_dl) > 0) else '')))
    yield '">'
    yield escape(environment.getattr(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'selisih'), 'waktu_terpanjang_menit'))
    yield '</td></tr>\n</tbody></table>\n<h2>Pelaksana</h2>\n<p>Sebelum: '
    yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'actors_before'), ', '))
    yield '<br>Sesudah: '
    yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'actors_after'), ', '))
    yield '</p>\n<h2>Identitas diubah ('
    yield escape(t_2(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'identity')))
    yield ')</h2>\n<ul>'
    t_3 = 1
    for l_1_f in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'identity'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(environment.getattr(l_1_f, 'label'))
        yield '<ul>'
        for l_2_w in context.call(environment.getattr(l_1_f, 'words'), _loop_vars=_loop_vars):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_2_w)
            yield '</li>'
        l_2_w = missing
        yield '</ul></li>'
        t_3 = 0
    l_1_f = missing
    if t_3:
        pass
        yield '<li>(tidak ada)</li>'
    yield '</ul>\n<h2>Langkah ditambahkan ('
    yield escape(t_2(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added')))
    yield ')</h2>\n<ul>'
    t_4 = 1
    for l_1_s in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added'):
        _loop_vars = {}
        pass
        yield '<li class="added"><code>'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '</code> '
        yield escape(environment.getattr(l_1_s, 'after'))
        yield '</li>'
        t_4 = 0
    l_1_s = missing
    if t_4:
        pass
        yield '<li>(tidak ada)</li>'
    yield '</ul>\n<h2>Langkah dihapus ('
    yield escape(t_2(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed')))
    yield ')</h2>\n<ul>'
    t_5 = 1
    for l_1_s in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed'):
        _loop_vars = {}
        pass
        yield '<li class="removed"><code>'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '</code> <del>'
        yield escape(environment.getattr(l_1_s, 'before'))
        yield '</del></li>'
        t_5 = 0
    l_1_s = missing
    if t_5:
        pass
        yield '<li>(tidak ada)</li>'
    yield '</ul>\n<h2>Langkah diubah ('
    yield escape(t_2(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'changed')))
    yield ')</h2>\n<ul>'
    t_6 = 1
    for l_1_s in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'changed'):
        _loop_vars = {}
        pass
        yield '<li><code>'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '</code> '
        yield escape(environment.getattr(l_1_s, 'after'))
        yield '<ul>'
        for l_2_d in environment.getattr(l_1_s, 'changes'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_2_d)
            yield '</li>'
        l_2_d = missing
        yield '</ul></li>'
        t_6 = 0
    l_1_s = missing
    if t_6:
        pass
        yield '<li>(tidak ada)</li>'
    yield '</ul>\n'
    if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'gambar') and (environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'gambar'), 0) or environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'gambar'), 1))):
        pass
        yield '\n<h2>Diagram</h2>\n'
        for (l_1_label, l_1_svg) in [('Sebelum', environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'gambar'), 0)), ('Sesudah', environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'gambar'), 1))]:
            _loop_vars = {}
            pass
            if l_1_svg:
                pass
                yield '\n<h3>'
                yield escape(l_1_label)
                yield '</h3>\n<section class="diagram">\n  <div class="zoom-controls"><button type="button" data-zoom="1.25">Perbesar</button><button type="button" data-zoom="0.8">Perkecil</button><button type="button" data-zoom="0">Pas</button></div>\n  <div class="svg-frame"><div class="svg-inner">'
                yield escape(l_1_svg)
                yield '</div></div>\n</section>\n'
        l_1_label = l_1_svg = missing
        yield '\n'
    yield '\n'

blocks = {'main': block_main}
debug_info = '1=12&2=17&3=41&4=43&5=45&9=51&10=56&11=61&13=73&14=78&15=86&18=94&19=98&20=101&21=121&22=124&23=138&24=141&25=155&26=158&27=180&29=183&30=189&33=191'
