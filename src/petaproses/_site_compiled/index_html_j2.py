from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tree = missing
    pass
    parent_template = environment.get_template('base.html.j2', 'index.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    def macro(l_1_nodes):
        t_1 = []
        if l_1_nodes is missing:
            l_1_nodes = undefined("parameter 'nodes' was not provided", name='nodes')
        pass
        t_1.append(
            '\n<ul class="tree">\n',
        )
        for l_2_n in l_1_nodes:
            _loop_vars = {}
            pass
            t_1.extend((
                '\n  <li><a href="',
                escape(environment.getattr(l_2_n, 'url')),
                '"><span class="kind kind-',
                escape(environment.getattr(l_2_n, 'jenis')),
                '">',
                escape(environment.getattr(l_2_n, 'jenis_label')),
                '</span> <code>',
                escape(environment.getattr(l_2_n, 'kode')),
                '</code> ',
                escape(environment.getattr(l_2_n, 'nama')),
                '</a>\n  ',
            ))
            if environment.getattr(l_2_n, 'children'):
                pass
                t_1.append(
                    escape(context.call((undefined(name='tree') if l_0_tree is missing else l_0_tree), environment.getattr(l_2_n, 'children'), _loop_vars=_loop_vars)),
                )
            t_1.append(
                '</li>\n',
            )
        l_2_n = missing
        t_1.append(
            '\n</ul>\n',
        )
        return concat(t_1)
    context.exported_vars.add('tree')
    context.vars['tree'] = l_0_tree = Macro(environment, macro, 'tree', ('nodes',), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_extra_pages = resolve('extra_pages')
    l_0_institution = resolve('institution')
    l_0_departments = resolve('departments')
    l_0_total_maps = resolve('total_maps')
    l_0_basis = resolve('basis')
    l_0_impact = resolve('impact')
    l_0_comparisons = resolve('comparisons')
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '\n<h1>Peta Proses Bisnis dan SOP</h1>\n'
    if ((undefined(name='extra_pages') if l_0_extra_pages is missing else l_0_extra_pages) and environment.getattr((undefined(name='extra_pages') if l_0_extra_pages is missing else l_0_extra_pages), 'pemda')):
        pass
        yield '<p class="downloads">'
        l_1_loop = missing
        for l_1_l, l_1_loop in LoopContext(environment.getattr((undefined(name='extra_pages') if l_0_extra_pages is missing else l_0_extra_pages), 'pemda'), undefined):
            _loop_vars = {}
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_l, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_l, 'label'))
            yield '</a>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ' · '
        l_1_loop = l_1_l = missing
        yield '</p>'
    yield '\n<p class="lead">'
    yield escape((undefined(name='institution') if l_0_institution is missing else l_0_institution))
    yield ' — '
    yield escape(t_2((undefined(name='departments') if l_0_departments is missing else l_0_departments)))
    yield ' Perangkat Daerah, '
    yield escape((undefined(name='total_maps') if l_0_total_maps is missing else l_0_total_maps))
    yield ' peta dan SOP. Halaman ini untuk reviu dan evaluasi peta level 1 dan turunannya, peta sub proses, peta lintas fungsi, dan SOP'
    if (undefined(name='basis') if l_0_basis is missing else l_0_basis):
        pass
        yield ' ('
        yield escape((undefined(name='basis') if l_0_basis is missing else l_0_basis))
        yield ')'
    yield '.</p>\n'
    l_1_loop = missing
    for l_1_d, l_1_loop in LoopContext((undefined(name='departments') if l_0_departments is missing else l_0_departments), undefined):
        l_1_tree = resolve('tree')
        _loop_vars = {}
        pass
        yield '\n<section class="department" id="pd-'
        yield escape(environment.getattr(l_1_d, 'id'))
        yield '">\n  <h2>'
        yield escape(environment.getattr(l_1_d, 'nama'))
        yield '</h2>\n  <table class="metrics">\n    <thead><tr><th>Proses</th><th>Langkah</th><th>Serah terima</th><th>Keputusan</th><th>Putaran balik</th><th>Langkah tanpa mutu baku lengkap</th></tr></thead>\n    <tbody><tr><td>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'totals'), 'proses'))
        yield '</td><td>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'totals'), 'langkah'))
        yield '</td><td>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'totals'), 'serah_terima'))
        yield '</td><td>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'totals'), 'keputusan'))
        yield '</td><td>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'totals'), 'putaran'))
        yield '</td><td>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'totals'), 'tanpa_mutu_baku'))
        yield '</td></tr></tbody>\n  </table>\n  '
        yield escape(context.call((undefined(name='tree') if l_1_tree is missing else l_1_tree), environment.getattr(l_1_d, 'tree'), _loop_vars=_loop_vars))
        yield '\n  '
        if ((undefined(name='extra_pages') if l_0_extra_pages is missing else l_0_extra_pages) and environment.getitem((undefined(name='extra_pages') if l_0_extra_pages is missing else l_0_extra_pages), environment.getattr(l_1_d, 'id'))):
            pass
            yield '<p class="downloads">'
            l_2_loop = missing
            for l_2_l, l_2_loop in LoopContext(environment.getitem((undefined(name='extra_pages') if l_0_extra_pages is missing else l_0_extra_pages), environment.getattr(l_1_d, 'id')), undefined):
                _loop_vars = {}
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_2_l, 'url'))
                yield '">'
                yield escape(environment.getattr(l_2_l, 'label'))
                yield '</a>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ' · '
            l_2_loop = l_2_l = missing
            yield '</p>'
        yield '\n  '
        if environment.getattr(l_1_d, 'temuan_terbuka'):
            pass
            yield '\n  <h3>Temuan reviu yang masih terbuka ('
            yield escape(t_2(environment.getattr(l_1_d, 'temuan_terbuka')))
            yield ')</h3>\n  <table class="temuan"><thead><tr><th>Dokumen</th><th>Langkah</th><th>Temuan</th><th>Rekomendasi</th><th>Sejak</th></tr></thead><tbody>\n  '
            for l_2_f in environment.getattr(l_1_d, 'temuan_terbuka'):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                if environment.getattr(l_2_f, 'url'):
                    pass
                    yield '<a href="'
                    yield escape(environment.getattr(l_2_f, 'url'))
                    yield '#evaluasi"><code>'
                    yield escape(environment.getattr(l_2_f, 'kode'))
                    yield '</code></a>'
                else:
                    pass
                    yield '<code>'
                    yield escape(environment.getattr(l_2_f, 'kode'))
                    yield '</code>'
                yield ' '
                yield escape(environment.getattr(l_2_f, 'nama'))
                yield '</td><td>'
                if environment.getattr(l_2_f, 'no'):
                    pass
                    yield escape(environment.getattr(l_2_f, 'no'))
                    yield '. '
                yield escape((environment.getattr(l_2_f, 'teks_langkah') or 'Seluruh dokumen'))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_f, 'uraian'))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_f, 'rekomendasi'))
                yield '</td><td><span data-sejak="'
                yield escape(environment.getattr(l_2_f, 'sejak'))
                yield '">'
                yield escape(environment.getattr(l_2_f, 'sejak_teks'))
                yield '</span></td></tr>\n  '
            l_2_f = missing
            yield '</tbody></table>\n  '
        yield '\n  '
        if environment.getattr(l_1_d, 'files'):
            pass
            yield '<p class="downloads">Dokumen: '
            l_2_loop = missing
            for l_2_f, l_2_loop in LoopContext(environment.getattr(l_1_d, 'files'), undefined):
                _loop_vars = {}
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_2_f, 'url'))
                yield '">'
                yield escape(environment.getattr(l_2_f, 'label'))
                yield '</a>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ' · '
            l_2_loop = l_2_f = missing
            yield '</p>'
        yield '\n</section>\n'
    l_1_loop = l_1_d = l_1_tree = missing
    yield '\n'
    if (undefined(name='impact') if l_0_impact is missing else l_0_impact):
        pass
        yield '\n<section>\n  <h2>Dampak perubahan peraturan dan organisasi</h2>\n  <p><a href="dampak.html">Peraturan yang dikutip, jabatan dan unit yang dihapus, dan dokumen yang terdampak</a> — '
        yield escape(environment.getattr((undefined(name='impact') if l_0_impact is missing else l_0_impact), 'peraturan'))
        yield ' peraturan di register, '
        yield escape(environment.getattr((undefined(name='impact') if l_0_impact is missing else l_0_impact), 'dihapus'))
        yield ' jabatan/unit dihapus, '
        yield escape(environment.getattr((undefined(name='impact') if l_0_impact is missing else l_0_impact), 'terdampak'))
        yield ' dokumen masih memakainya.</p>\n</section>\n'
    yield '\n'
    if (undefined(name='comparisons') if l_0_comparisons is missing else l_0_comparisons):
        pass
        yield '\n<section>\n  <h2>Perbandingan sebelum/sesudah</h2>\n  <ul>'
        for l_1_c in (undefined(name='comparisons') if l_0_comparisons is missing else l_0_comparisons):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_1_c, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_c, 'label'))
            yield '</a></li>'
        l_1_c = missing
        yield '</ul>\n</section>\n'
    yield '\n'

blocks = {'main': block_main}
debug_info = '1=13&2=16&4=24&5=29&6=40&10=57&12=79&13=97&14=110&15=115&16=117&19=119&21=131&22=133&23=151&24=154&26=156&29=192&32=212&35=215&38=222&41=225'
