from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'relasi_sumber.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_short = resolve('short')
    l_0_sources = resolve('sources')
    pass
    if (undefined(name='short') if l_0_short is missing else l_0_short):
        pass
        l_1_loop = missing
        for l_1_s, l_1_loop in LoopContext((undefined(name='sources') if l_0_sources is missing else l_0_sources), undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_s, 'url'):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_s, 'url'))
                yield '"><code>'
                yield escape(environment.getattr(l_1_s, 'kode'))
                yield '</code></a>'
            else:
                pass
                yield '<code>'
                yield escape(environment.getattr(l_1_s, 'kode'))
                yield '</code>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_s = missing
    else:
        pass
        l_1_loop = missing
        for l_1_s, l_1_loop in LoopContext((undefined(name='sources') if l_0_sources is missing else l_0_sources), undefined):
            _loop_vars = {}
            pass
            yield '<div>'
            if environment.getattr(l_1_s, 'url'):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_s, 'url'))
                yield '"><code>'
                yield escape(environment.getattr(l_1_s, 'kode'))
                yield '</code> '
                yield escape(environment.getattr(l_1_s, 'nama'))
                yield '</a>'
            else:
                pass
                yield '<code>'
                yield escape(environment.getattr(l_1_s, 'kode'))
                yield '</code>'
            if environment.getattr(l_1_s, 'steps'):
                pass
                yield ' ('
                l_2_loop = missing
                for l_2_st, l_2_loop in LoopContext(environment.getattr(l_1_s, 'steps'), undefined):
                    _loop_vars = {}
                    pass
                    yield '<a href="'
                    yield escape(environment.getattr(l_2_st, 'url'))
                    yield '">'
                    yield escape(environment.getattr(l_2_st, 'no'))
                    yield '</a>'
                    if (not environment.getattr(l_2_loop, 'last')):
                        pass
                        yield ', '
                l_2_loop = l_2_st = missing
                yield ')'
            yield '</div>'
        l_1_loop = l_1_s = missing

blocks = {}
debug_info = '1=13'
