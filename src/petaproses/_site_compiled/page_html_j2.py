from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'page.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'page.html.j2')
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
    l_0_doc = resolve('doc')
    l_0_root = resolve('root')
    l_0_crumbs = resolve('crumbs')
    l_0_jenis_label = resolve('jenis_label')
    l_0_department = resolve('department')
    l_0_unit = resolve('unit')
    l_0_sop = resolve('sop')
    l_0_files = resolve('files')
    l_0_warnings = resolve('warnings')
    l_0_svg = resolve('svg')
    l_0_children = resolve('children')
    l_0_m = resolve('m')
    l_0_level1 = resolve('level1')
    l_0_dates = resolve('dates')
    l_0_signer = resolve('signer')
    l_0_checker = resolve('checker')
    l_0_maker = resolve('maker')
    l_0_items = resolve('items')
    l_0_dasar_hukum = resolve('dasar_hukum')
    l_0_related = resolve('related')
    l_0_peralatan = resolve('peralatan')
    l_0_warning_items = resolve('warning_items')
    l_0_own_marks = resolve('own_marks')
    l_0_warning_text = resolve('warning_text')
    l_0_record_items = resolve('record_items')
    l_0_records_text = resolve('records_text')
    l_0_history = resolve('history')
    l_0_steps = resolve('steps')
    l_0_total_time = resolve('total_time')
    l_0_note = resolve('note')
    l_0_evaluasi = resolve('evaluasi')
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
    yield '\n<div id="temuan-dokumen" data-berkas="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'path'))
    yield '" hidden></div>\n<nav class="crumbs"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">Beranda</a>'
    for l_1_c in (undefined(name='crumbs') if l_0_crumbs is missing else l_0_crumbs):
        _loop_vars = {}
        pass
        yield ' › <a href="'
        yield escape(environment.getattr(l_1_c, 'url'))
        yield '">'
        yield escape(environment.getattr(l_1_c, 'kode'))
        yield '</a>'
    l_1_c = missing
    yield ' › '
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'kode'))
    yield '</nav>\n<h1><span class="kind kind-'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'jenis'))
    yield '">'
    yield escape((undefined(name='jenis_label') if l_0_jenis_label is missing else l_0_jenis_label))
    yield '</span> '
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'nama'))
    yield '</h1>\n<p class="meta"><code>'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'kode'))
    yield '</code> · '
    yield escape((undefined(name='department') if l_0_department is missing else l_0_department))
    if (undefined(name='unit') if l_0_unit is missing else l_0_unit):
        pass
        yield ' · '
        yield escape((undefined(name='unit') if l_0_unit is missing else l_0_unit))
    if (undefined(name='sop') if l_0_sop is missing else l_0_sop):
        pass
        yield ' · Nomor '
        yield escape(environment.getattr((undefined(name='sop') if l_0_sop is missing else l_0_sop), 'nomor'))
    yield '</p>\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'deskripsi'):
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'deskripsi'))
        yield '</p>'
    yield '\n<p class="downloads">'
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
    yield '</p>\n'
    if (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
        pass
        yield '\n<section class="warnings"><h2>Catatan pemeriksaan</h2><ul>'
        for l_1_w in (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
            _loop_vars = {}
            pass
            yield '<li><code>'
            yield escape(environment.getattr(l_1_w, 'code'))
            yield '</code> baris '
            yield escape(environment.getattr(l_1_w, 'line'))
            yield ': '
            yield escape(environment.getattr(l_1_w, 'message'))
            yield '</li>'
        l_1_w = missing
        yield '</ul></section>\n'
    yield '\n'
    if (undefined(name='svg') if l_0_svg is missing else l_0_svg):
        pass
        yield '\n<section class="diagram">\n  <div class="zoom-controls"><button type="button" data-zoom="1.25">Perbesar</button><button type="button" data-zoom="0.8">Perkecil</button><button type="button" data-zoom="0">Pas</button><span class="zoom-hint">Ctrl + roda tetikus atau cubit untuk memperbesar; seret untuk menggeser</span></div>\n  <div class="svg-frame"><div class="svg-inner">'
        yield escape((undefined(name='svg') if l_0_svg is missing else l_0_svg))
        yield '</div></div>\n</section>\n'
    yield '\n'
    if (undefined(name='children') if l_0_children is missing else l_0_children):
        pass
        yield '\n<section><h2>Rincian</h2><ul>'
        for l_1_c in (undefined(name='children') if l_0_children is missing else l_0_children):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_1_c, 'url'))
            yield '"><code>'
            yield escape(environment.getattr(l_1_c, 'kode'))
            yield '</code> '
            yield escape(environment.getattr(l_1_c, 'nama'))
            yield '</a></li>'
        l_1_c = missing
        yield '</ul></section>\n'
    yield '\n'
    if (undefined(name='m') if l_0_m is missing else l_0_m):
        pass
        yield '\n<section><h2>Ukuran</h2>\n<table class="metrics"><tbody>\n<tr><th>Langkah</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'langkah'))
        yield '</td><th>Pelaksana</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'pelaksana'))
        yield '</td></tr>\n<tr><th>Serah terima antarpelaksana</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima'))
        yield '</td><th>Keputusan</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'keputusan'))
        yield '</td></tr>\n<tr><th>Serah terima dalam unit / lintas unit / lintas instansi</th><td colspan="3">'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_dalam_unit'))
        yield ' / '
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_lintas_unit'))
        yield ' / '
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_lintas_instansi'))
        if (((environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_dalam_unit') + environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_lintas_unit')) + environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_lintas_instansi')) < environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima')):
            pass
            yield ' ('
            yield escape((((environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima') - environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_dalam_unit')) - environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_lintas_unit')) - environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'serah_terima_lintas_instansi')))
            yield ' antara jabatan yang tempatnya belum ditulis di organisasi.yaml)'
        yield '</td></tr>\n<tr><th>Putaran balik</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'putaran'))
        yield '</td><th>Langkah tanpa mutu baku lengkap</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'tanpa_mutu_baku'))
        yield '</td></tr>\n<tr><th>Waktu jalur tercepat</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'waktu_terpendek'))
        yield '</td><th>Waktu jalur terlama</th><td>'
        yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'waktu_terpanjang'))
        yield '</td></tr>\n'
        if environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'waktu_tidak_dihitung'):
            pass
            yield '<tr class="left-out"><th>Langkah yang waktunya tidak dihitung</th><td>'
            yield escape(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'waktu_tidak_dihitung'))
            yield '</td><td colspan="2">waktunya bukan lama waktu (mis. \'setiap saat\'), jadi tidak dijumlahkan dalam waktu jalur</td></tr>'
        yield '\n</tbody></table></section>\n'
    yield '\n'
    if (undefined(name='level1') if l_0_level1 is missing else l_0_level1):
        pass
        yield '\n'
        for l_1_group in (undefined(name='level1') if l_0_level1 is missing else l_0_level1):
            _loop_vars = {}
            pass
            yield '<section><h2>Proses '
            yield escape(environment.getattr(l_1_group, 'label'))
            yield '</h2><ul>'
            for l_2_p in environment.getattr(l_1_group, 'entries'):
                _loop_vars = {}
                pass
                yield '<li>'
                if environment.getattr(l_2_p, 'url'):
                    pass
                    yield '<a href="'
                    yield escape(environment.getattr(l_2_p, 'url'))
                    yield '">'
                yield '<code>'
                yield escape((environment.getattr(l_2_p, 'kode') or environment.getattr(l_2_p, 'id')))
                yield '</code> '
                yield escape(environment.getattr(l_2_p, 'nama'))
                if environment.getattr(l_2_p, 'url'):
                    pass
                    yield '</a>'
                yield '</li>'
            l_2_p = missing
            yield '</ul></section>'
        l_1_group = missing
        yield '\n'
    yield '\n'
    if (undefined(name='sop') if l_0_sop is missing else l_0_sop):
        pass
        yield '\n<section class="identity"><h2>Identitas SOP</h2>\n<table><tbody>\n<tr><th>Nomor SOP</th><td>'
        yield escape(environment.getattr((undefined(name='sop') if l_0_sop is missing else l_0_sop), 'nomor'))
        yield '</td></tr>\n<tr><th>Tanggal Pembuatan</th><td>'
        yield escape(environment.getattr((undefined(name='dates') if l_0_dates is missing else l_0_dates), 'pembuatan'))
        yield '</td></tr>\n<tr><th>Tanggal Revisi</th><td>'
        yield escape(environment.getattr((undefined(name='dates') if l_0_dates is missing else l_0_dates), 'revisi'))
        yield '</td></tr>\n<tr><th>Tanggal Efektif</th><td>'
        yield escape(environment.getattr((undefined(name='dates') if l_0_dates is missing else l_0_dates), 'efektif'))
        yield '</td></tr>\n<tr><th>Disahkan oleh</th><td>'
        yield escape((undefined(name='signer') if l_0_signer is missing else l_0_signer))
        yield '</td></tr>\n'
        if (undefined(name='checker') if l_0_checker is missing else l_0_checker):
            pass
            yield '<tr><th>Diperiksa oleh</th><td>'
            yield escape((undefined(name='checker') if l_0_checker is missing else l_0_checker))
            yield '</td></tr>'
        if (undefined(name='maker') if l_0_maker is missing else l_0_maker):
            pass
            yield '<tr><th>Dibuat oleh</th><td>'
            yield escape((undefined(name='maker') if l_0_maker is missing else l_0_maker))
            yield '</td></tr>'
        yield '\n'
        def macro(l_1_xs):
            t_3 = []
            l_1_parts = resolve('parts')
            l_1_marks = resolve('marks')
            if l_1_xs is missing:
                l_1_xs = undefined("parameter 'xs' was not provided", name='xs')
            pass
            if context.call((undefined(name='own_marks') if l_0_own_marks is missing else l_0_own_marks), l_1_xs):
                pass
                t_3.append(
                    '<ul class="bertanda">',
                )
                for (l_2_m, l_2_t, l_2_lead) in context.call((undefined(name='parts') if l_1_parts is missing else l_1_parts), l_1_xs):
                    _loop_vars = {}
                    pass
                    if l_2_lead:
                        pass
                        t_3.extend((
                            '<li class="pengantar">',
                            escape(l_2_t),
                            '</li>',
                        ))
                    else:
                        pass
                        t_3.extend((
                            '<li><span class="tanda">',
                            escape(l_2_m),
                            '</span> ',
                            escape(l_2_t),
                            '</li>',
                        ))
                l_2_m = l_2_t = l_2_lead = missing
                t_3.append(
                    '</ul>',
                )
            else:
                pass
                t_3.append(
                    '<ol>',
                )
                for (l_2_m, l_2_t) in context.call((undefined(name='marks') if l_1_marks is missing else l_1_marks), l_1_xs):
                    _loop_vars = {}
                    pass
                    t_3.extend((
                        '<li>',
                        escape(l_2_t),
                        '</li>',
                    ))
                l_2_m = l_2_t = missing
                t_3.append(
                    '</ol>',
                )
            return concat(t_3)
        l_0_items = Macro(environment, macro, 'items', ('xs',), False, False, False, context.eval_ctx.autoescape)
        yield '\n<tr><th>Dasar Hukum</th><td>'
        yield escape(context.call((undefined(name='items') if l_0_items is missing else l_0_items), (undefined(name='dasar_hukum') if l_0_dasar_hukum is missing else l_0_dasar_hukum), _block_vars=_block_vars))
        yield '</td></tr>\n<tr><th>Kualifikasi Pelaksana</th><td>'
        yield escape(context.call((undefined(name='items') if l_0_items is missing else l_0_items), environment.getattr((undefined(name='sop') if l_0_sop is missing else l_0_sop), 'kualifikasi_pelaksana'), _block_vars=_block_vars))
        yield '</td></tr>\n<tr><th>Keterkaitan</th><td><ol>'
        for l_1_x in (undefined(name='related') if l_0_related is missing else l_0_related):
            _loop_vars = {}
            pass
            yield '<li>'
            if environment.getattr(l_1_x, 'url'):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_x, 'url'))
                yield '">'
                yield escape(environment.getattr(l_1_x, 'kode'))
                yield '</a> '
                yield escape(environment.getattr(l_1_x, 'nama'))
            else:
                pass
                yield escape(environment.getattr(l_1_x, 'kode'))
                if (not environment.getattr(l_1_x, 'none')):
                    pass
                    yield ' <span class="branch">(di luar katalog)</span>'
            yield '</li>'
        l_1_x = missing
        yield '</ol></td></tr>\n<tr><th>Peralatan/Perlengkapan</th><td>'
        yield escape(context.call((undefined(name='items') if l_0_items is missing else l_0_items), (undefined(name='peralatan') if l_0_peralatan is missing else l_0_peralatan), _block_vars=_block_vars))
        yield '</td></tr>\n<tr><th>Peringatan</th><td>'
        if ((t_2((undefined(name='warning_items') if l_0_warning_items is missing else l_0_warning_items)) > 1) and context.call((undefined(name='own_marks') if l_0_own_marks is missing else l_0_own_marks), (undefined(name='warning_items') if l_0_warning_items is missing else l_0_warning_items), _block_vars=_block_vars)):
            pass
            yield escape(context.call((undefined(name='items') if l_0_items is missing else l_0_items), (undefined(name='warning_items') if l_0_warning_items is missing else l_0_warning_items), _block_vars=_block_vars))
        else:
            pass
            yield escape((undefined(name='warning_text') if l_0_warning_text is missing else l_0_warning_text))
        yield '</td></tr>\n<tr><th>Pencatatan dan Pendataan</th><td>'
        if ((t_2((undefined(name='record_items') if l_0_record_items is missing else l_0_record_items)) > 1) and context.call((undefined(name='own_marks') if l_0_own_marks is missing else l_0_own_marks), (undefined(name='record_items') if l_0_record_items is missing else l_0_record_items), _block_vars=_block_vars)):
            pass
            yield escape(context.call((undefined(name='items') if l_0_items is missing else l_0_items), (undefined(name='record_items') if l_0_record_items is missing else l_0_record_items), _block_vars=_block_vars))
        else:
            pass
            yield escape((undefined(name='records_text') if l_0_records_text is missing else l_0_records_text))
        yield '</td></tr>\n'
        if (undefined(name='history') if l_0_history is missing else l_0_history):
            pass
            yield '<tr><th>Riwayat Revisi</th><td><ol>'
            for l_1_h in (undefined(name='history') if l_0_history is missing else l_0_history):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.getattr(l_1_h, 'tanggal'))
                yield ': '
                yield escape(environment.getattr(l_1_h, 'uraian'))
                yield '</li>'
            l_1_h = missing
            yield '</ol></td></tr>'
        yield '\n</tbody></table></section>\n'
    yield '\n'
    if (undefined(name='steps') if l_0_steps is missing else l_0_steps):
        pass
        yield '\n<section class="steps"><h2>Kegiatan</h2>\n<table class="sop-table">\n<thead><tr><th>No</th><th>Kegiatan</th><th>Pelaksana</th><th>Kelengkapan</th><th>Waktu</th><th>Output</th><th>Keterangan</th></tr></thead>\n<tbody>'
        l_1_loop = missing
        for l_1_s, l_1_loop in LoopContext((undefined(name='steps') if l_0_steps is missing else l_0_steps), undefined):
            _loop_vars = {}
            pass
            yield '\n<tr id="langkah-'
            yield escape(environment.getattr(l_1_s, 'id'))
            yield '"><td data-label="No">'
            yield escape(environment.getattr(l_1_s, 'no'))
            yield '</td><td data-label="Kegiatan">'
            yield escape(environment.getattr(l_1_s, 'uraian'))
            for l_2_b in environment.getattr(l_1_s, 'branches'):
                _loop_vars = {}
                pass
                yield '<br><span class="branch">'
                yield escape(environment.getattr(l_2_b, 'label'))
                yield ' → langkah '
                yield escape(environment.getattr(l_2_b, 'no'))
                yield '</span>'
            l_2_b = missing
            for l_2_label in environment.getattr(l_1_s, 'ends'):
                _loop_vars = {}
                pass
                yield '<br><span class="branch">'
                yield escape(l_2_label)
                yield ' → selesai</span>'
            l_2_label = missing
            if environment.getattr(l_1_s, 'next'):
                pass
                yield '<br><span class="branch">lanjut ke langkah '
                yield escape(environment.getattr(l_1_s, 'next'))
                yield '</span>'
            if environment.getattr(l_1_s, 'url'):
                pass
                yield '<br><a href="'
                yield escape(environment.getattr(l_1_s, 'url'))
                yield '">rincian</a>'
            if environment.getattr(l_1_s, 'temuan_terbuka'):
                pass
                yield '<br><a class="temuan-tanda" href="#evaluasi">'
                yield escape(environment.getattr(l_1_s, 'temuan_terbuka'))
                yield ' temuan terbuka</a>'
            if environment.getattr(l_1_s, 'aplikasi'):
                pass
                yield '<br><span class="branch">Aplikasi: '
                yield escape(t_1(context.eval_ctx, environment.getattr(l_1_s, 'aplikasi'), ', '))
                yield '</span>'
            yield '</td><td data-label="Pelaksana">'
            yield escape(environment.getattr(l_1_s, 'pelaksana'))
            if environment.getattr(l_1_s, 'bersama'):
                pass
                yield '<br><span class="branch">bersama</span>'
            elif environment.getattr(l_1_s, 'bergiliran'):
                pass
                yield '<br><span class="branch">bergiliran</span>'
            yield '</td><td data-label="Kelengkapan">'
            l_2_loop = missing
            for l_2_x, l_2_loop in LoopContext(environment.getattr(l_1_s, 'kelengkapan'), undefined):
                _loop_vars = {}
                pass
                yield escape(l_2_x)
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield '<br>'
            l_2_loop = l_2_x = missing
            yield '</td><td data-label="Waktu"'
            if (not environment.getattr(l_1_s, 'waktu_dihitung')):
                pass
                yield ' class="left-out" title="bukan lama waktu: tidak dihitung dalam waktu jalur"'
            yield '>'
            yield escape(environment.getattr(l_1_s, 'waktu'))
            yield '</td><td data-label="Output">'
            l_2_loop = missing
            for l_2_x, l_2_loop in LoopContext(environment.getattr(l_1_s, 'output'), undefined):
                _loop_vars = {}
                pass
                yield escape(l_2_x)
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield '<br>'
            l_2_loop = l_2_x = missing
            yield '</td><td data-label="Keterangan">'
            yield escape(environment.getattr(l_1_s, 'keterangan'))
            yield '</td></tr>\n'
        l_1_loop = l_1_s = missing
        yield '</tbody>'
        if ((undefined(name='sop') if l_0_sop is missing else l_0_sop) and environment.getattr((undefined(name='sop') if l_0_sop is missing else l_0_sop), 'jumlah_waktu')):
            pass
            yield '\n<tfoot><tr><th colspan="4">Jumlah Waktu</th><td data-label="Jumlah Waktu">'
            yield escape((undefined(name='total_time') if l_0_total_time is missing else l_0_total_time))
            yield '</td><td colspan="2"></td></tr></tfoot>'
        yield '</table>'
        if ((undefined(name='sop') if l_0_sop is missing else l_0_sop) and (undefined(name='note') if l_0_note is missing else l_0_note)):
            pass
            yield '\n<div class="catatan"><strong>Catatan:</strong>'
            if (t_2((undefined(name='note') if l_0_note is missing else l_0_note)) > 1):
                pass
                yield escape(context.call((undefined(name='items') if l_0_items is missing else l_0_items), (undefined(name='note') if l_0_note is missing else l_0_note), _block_vars=_block_vars))
            else:
                pass
                yield ' '
                yield escape(environment.getitem((undefined(name='note') if l_0_note is missing else l_0_note), 0))
            yield '</div>'
        yield '</section>\n'
    yield '\n'
    if (undefined(name='evaluasi') if l_0_evaluasi is missing else l_0_evaluasi):
        pass
        yield '\n<section class="evaluasi" id="evaluasi" data-kode="'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'kode'))
        yield '"><h2>Reviu dan evaluasi</h2>\n'
        l_1_loop = missing
        t_4 = 1
        for l_1_s, l_1_loop in LoopContext(environment.getattr((undefined(name='evaluasi') if l_0_evaluasi is missing else l_0_evaluasi), 'sessions'), undefined):
            _loop_vars = {}
            pass
            yield '\n<article class="sesi">\n<h3>'
            yield escape(environment.getattr(l_1_s, 'nama'))
            yield ' · '
            yield escape(environment.getattr(l_1_s, 'tanggal'))
            yield '</h3>\n<p class="meta"><code>'
            yield escape(environment.getattr(l_1_s, 'kode'))
            yield '</code>'
            if environment.getattr(l_1_s, 'tempat'):
                pass
                yield ' · '
                yield escape(environment.getattr(l_1_s, 'tempat'))
            yield ' · revisi yang dinilai <code>'
            yield escape(environment.getattr(l_1_s, 'revisi'))
            yield '</code>'
            if environment.getattr(l_1_s, 'penilai'):
                pass
                yield '<br>Penilai: '
                yield escape(t_1(context.eval_ctx, environment.getattr(l_1_s, 'penilai'), '; '))
            yield '</p>\n'
            if ((environment.getattr(l_1_s, 'monitoring') or environment.getattr(l_1_s, 'catatan')) or environment.getattr(l_1_s, 'tindakan')):
                pass
                yield '<p>Monitoring penerapan: '
                if (environment.getattr(l_1_s, 'monitoring') == 'Ya'):
                    pass
                    yield '<strong>berjalan dengan baik</strong>'
                elif (environment.getattr(l_1_s, 'monitoring') == 'Tidak'):
                    pass
                    yield '<strong>tidak berjalan dengan baik</strong>'
                if environment.getattr(l_1_s, 'catatan'):
                    pass
                    yield ' — '
                    yield escape(environment.getattr(l_1_s, 'catatan'))
                if environment.getattr(l_1_s, 'tindakan'):
                    pass
                    yield '<br>Tindakan yang harus diambil: '
                    yield escape(environment.getattr(l_1_s, 'tindakan'))
                yield '</p>'
            yield '\n<table class="kriteria"><thead><tr><th>Kriteria evaluasi</th><th>Jawaban</th><th>Catatan</th></tr></thead><tbody>\n'
            l_2_loop = missing
            for l_2_k, l_2_loop in LoopContext(environment.getattr(l_1_s, 'kriteria'), undefined):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(environment.getattr(l_2_loop, 'index'))
                yield '. '
                yield escape(environment.getattr(l_2_k, 'label'))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_k, 'jawaban'))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_k, 'catatan'))
                yield '</td></tr>\n'
            l_2_loop = l_2_k = missing
            yield '</tbody></table>\n'
            if environment.getattr(l_1_s, 'temuan'):
                pass
                yield '<table class="temuan"><thead><tr><th>Langkah</th><th>Temuan</th><th>Rekomendasi</th><th>Status</th></tr></thead><tbody>\n'
                for l_2_f in environment.getattr(l_1_s, 'temuan'):
                    _loop_vars = {}
                    pass
                    yield '<tr class="status-'
                    yield escape(environment.getattr(l_2_f, 'status'))
                    yield '"><td>'
                    if (environment.getattr(l_2_f, 'langkah') and environment.getattr(l_2_f, 'no')):
                        pass
                        yield '<a href="#langkah-'
                        yield escape(environment.getattr(l_2_f, 'langkah'))
                        yield '">'
                        yield escape(environment.getattr(l_2_f, 'no'))
                        yield '</a>. '
                        yield escape(environment.getattr(l_2_f, 'teks_langkah'))
                    elif environment.getattr(l_2_f, 'langkah'):
                        pass
                        yield '(langkah sudah dihapus) '
                        yield escape((environment.getattr(l_2_f, 'teks_langkah') or environment.getattr(l_2_f, 'langkah')))
                    else:
                        pass
                        yield 'Seluruh dokumen'
                    yield '</td><td>'
                    yield escape(environment.getattr(l_2_f, 'uraian'))
                    yield '</td><td>'
                    yield escape(environment.getattr(l_2_f, 'rekomendasi'))
                    yield '</td><td>'
                    yield escape(environment.getattr(l_2_f, 'status_label'))
                    if environment.getattr(l_2_f, 'inferred'):
                        pass
                        yield ' (langkahnya diubah oleh revisi sesudah sesi)'
                    if environment.getattr(l_2_f, 'revisi_penutup'):
                        pass
                        yield ', revisi <code>'
                        yield escape(environment.getattr(l_2_f, 'revisi_penutup'))
                        yield '</code>'
                    for l_3_c in environment.getattr(l_2_f, 'changes'):
                        _loop_vars = {}
                        pass
                        yield '<br><span class="branch">berubah sesudah sesi: '
                        yield escape(l_3_c)
                        yield '</span>'
                    l_3_c = missing
                    yield '</td></tr>\n'
                l_2_f = missing
                yield '</tbody></table>'
            yield '\n</article>\n'
            t_4 = 0
        l_1_loop = l_1_s = missing
        if t_4:
            pass
            yield '\n<p class="meta">Belum ada rekaman evaluasi untuk dokumen ini.</p>\n'
        yield '\n</section>\n'
    yield '\n'

blocks = {'main': block_main}
debug_info = '1=12&2=17&3=69&4=71&5=85&6=91&7=103&8=110&9=123&10=126&12=139&15=142&18=145&19=148&21=161&24=164&25=168&26=172&27=183&28=187&29=191&32=198&33=201&35=229&38=232&39=234&40=236&41=238&42=240&43=242&44=253&45=308&46=310&47=312&48=333&49=335&50=342&51=349&54=364&58=368&59=372&60=452&61=455&62=461&64=471&65=474&66=478&68=482&69=486&70=500&72=520&74=534&75=537'
