from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dampak.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'dampak.html.j2')
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
    l_0_removed = resolve('removed')
    l_0_register = resolve('register')
    l_0_regulations = resolve('regulations')
    l_0_unmatched = resolve('unmatched')
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    pass
    yield '\n<nav class="crumbs"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">Beranda</a> › Dampak perubahan</nav>\n<h1>Dampak perubahan peraturan dan organisasi</h1>\n<p class="lead">Setiap perubahan peraturan atau organisasi membuat SOP yang mengutip peraturan lama atau memakai jabatan lama tidak berlaku lagi. Halaman ini menunjukkan dokumen mana yang terdampak. Perbaiki jabatan dengan <code>petaproses ubah-jabatan LAMA BARU</code>; dasar hukum yang mengutip peraturan yang dicabut dengan <code>petaproses ubah-peraturan LAMA BARU</code> (keduanya menampilkan perubahannya dulu, menulis dengan <code>--tulis</code>).</p>\n\n<h2 id="dihapus">Jabatan, unit dan Perangkat Daerah yang dihapus</h2>\n'
    t_6 = 1
    for l_1_r in (undefined(name='removed') if l_0_removed is missing else l_0_removed):
        _loop_vars = {}
        pass
        yield '\n<section class="impact">\n  <h3>'
        yield escape(t_1(environment.getattr(l_1_r, 'kind')))
        yield ' <code>'
        yield escape(environment.getattr(l_1_r, 'id'))
        yield '</code> '
        yield escape(environment.getattr(l_1_r, 'nama'))
        yield '</h3>\n  <p class="meta">Dihapus sejak '
        yield escape(environment.getattr(l_1_r, 'since'))
        if environment.getattr(l_1_r, 'replacements'):
            pass
            yield '; diganti oleh '
            yield escape(t_2(context.eval_ctx, environment.getattr(l_1_r, 'replacements'), ', '))
        yield '.</p>\n  '
        if (t_3(environment.getattr(l_1_r, 'replacements')) > 1):
            pass
            yield '<p class="meta">Tugasnya dibagi: pilih penggantinya per berkas dengan <code>petaproses ubah-jabatan '
            yield escape(environment.getattr(l_1_r, 'id'))
            yield ' BARU JALUR</code>; perbandingan sebelum/sesudah tidak dibuat karena pilihannya milik penyusun.</p>'
        yield '\n  '
        if environment.getattr(l_1_r, 'users'):
            pass
            yield '\n  <table class="metrics"><thead><tr><th>Dokumen yang masih memakainya</th><th>Di mana</th><th>Sebelum/sesudah</th></tr></thead><tbody>\n  '
            for l_2_u in environment.getattr(l_1_r, 'users'):
                l_2_cmp = missing
                _loop_vars = {}
                pass
                yield '\n  '
                l_2_cmp = t_4(context.eval_ctx, t_5(context, environment.getattr(l_1_r, 'comparisons'), 'kode', 'equalto', environment.getattr(l_2_u, 'kode')))
                _loop_vars['cmp'] = l_2_cmp
                yield '\n  <tr><td>'
                if environment.getattr(l_2_u, 'url'):
                    pass
                    yield '<a href="'
                    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                    yield escape(environment.getattr(l_2_u, 'url'))
                    yield '"><code>'
                    yield escape(environment.getattr(l_2_u, 'kode'))
                    yield '</code> '
                    yield escape(environment.getattr(l_2_u, 'nama'))
                    yield '</a>'
                else:
                    pass
                    yield 'organisasi.yaml'
                yield '</td><td>'
                yield escape(environment.getattr(l_2_u, 'where'))
                yield '</td>\n      <td>'
                for l_3_c in (undefined(name='cmp') if l_2_cmp is missing else l_2_cmp):
                    _loop_vars = {}
                    pass
                    yield '<a href="'
                    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                    yield escape(environment.getattr(l_3_c, 'url'))
                    yield '">perbandingan</a>'
                l_3_c = missing
                yield '</td></tr>\n  '
            l_2_u = l_2_cmp = missing
            yield '\n  </tbody></table>\n  '
        else:
            pass
            yield '<p>Tidak ada lagi dokumen yang memakainya.</p>'
        yield '\n</section>\n'
        t_6 = 0
    l_1_r = missing
    if t_6:
        pass
        yield '\n<p>Tidak ada jabatan, unit atau Perangkat Daerah yang ditandai <code>dihapus</code> di organisasi.yaml.</p>\n'
    yield '\n\n<h2 id="peraturan">Peraturan dan dokumen yang mengutipnya</h2>\n'
    if (undefined(name='register') if l_0_register is missing else l_0_register):
        pass
        yield '<p class="meta">Dari register <code>'
        yield escape((undefined(name='register') if l_0_register is missing else l_0_register))
        yield '</code>, urut menurut hierarki peraturan perundang-undangan (UU 12/2011), tahun dan nomor. ★ dikutip pada setiap keputusan penetapan Dokumen SOP.</p>\n<table class="metrics regulations"><thead><tr><th>Peraturan</th><th>Status</th><th>Dikutip oleh</th></tr></thead><tbody>\n'
        l_1_loop = missing
        for l_1_g, l_1_loop in LoopContext((undefined(name='regulations') if l_0_regulations is missing else l_0_regulations), undefined):
            _loop_vars = {}
            pass
            yield '\n<tr class="status-'
            yield escape(environment.getattr(l_1_g, 'level'))
            yield '"><td>'
            if environment.getattr(l_1_g, 'dasar_keputusan'):
                pass
                yield '★ '
            yield escape(environment.getattr(l_1_g, 'text'))
            yield ' <code>'
            yield escape(environment.getattr(l_1_g, 'id'))
            yield '</code></td><td>'
            yield escape(environment.getattr(l_1_g, 'status'))
            if environment.getattr(l_1_g, 'fix'):
                pass
                yield '<br>perbaiki: <code>'
                yield escape(environment.getattr(l_1_g, 'fix'))
                yield '</code>'
            yield '</td>\n    <td>'
            l_2_loop = missing
            t_7 = 1
            for l_2_u, l_2_loop in LoopContext(environment.getattr(l_1_g, 'users'), undefined):
                _loop_vars = {}
                pass
                yield '<a href="'
                yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                yield escape(environment.getattr(l_2_u, 'url'))
                yield '" title="'
                yield escape(environment.getattr(l_2_u, 'nama'))
                yield '"><code>'
                yield escape(environment.getattr(l_2_u, 'kode'))
                yield '</code></a>'
                if (environment.getattr(l_2_u, 'how') == 'teks'):
                    pass
                    yield ' (teks)'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ', '
                t_7 = 0
            l_2_loop = l_2_u = missing
            if t_7:
                pass
                yield '–'
            yield '</td></tr>\n'
        l_1_loop = l_1_g = missing
        yield '\n</tbody></table>\n'
    else:
        pass
        yield '<p>Katalog ini belum punya register peraturan (berkas <code>jenis: peraturan</code>); buat dengan <code>petaproses new peraturan processes/peraturan.yaml</code>.</p>'
    yield '\n'
    if (undefined(name='unmatched') if l_0_unmatched is missing else l_0_unmatched):
        pass
        yield '\n<h3>Kutipan yang tidak ada di register</h3>\n<ul>'
        for l_1_u in (undefined(name='unmatched') if l_0_unmatched is missing else l_0_unmatched):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield escape(environment.getattr(l_1_u, 'url'))
            yield '"><code>'
            yield escape(environment.getattr(l_1_u, 'kode'))
            yield '</code></a>: '
            yield escape(environment.getattr(l_1_u, 'text'))
            yield '</li>'
        l_1_u = missing
        yield '</ul>\n'
    yield '\n'

blocks = {'main': block_main}
debug_info = '1=12&2=17&3=61&8=64&10=68&11=74&12=80&13=86&15=89&16=94&17=97&18=113&28=134&30=140&31=144&32=162&36=191&38=194'
