"""Small templates, one feature each, that render_expected.py renders with the same environment as the
published chat templates: the engine's Python semantics (values, methods, filters, tests, whitespace
control, scoping) checked against Jinja2 itself."""

VARIABLES = {
    "messages": [{"role": "system", "content": " Be brief. "}, {"role": "user", "content": "Héllo, wörld's end\nline 2"},
                 {"role": "assistant", "content": "<think>\nhmm\n</think>\n\nrespiratory"}],
    "s": "  Hello World, it's me  ",
    "n": 7, "f": 2.5, "big": 12345678901234567, "t": True, "none": None, "empty": [], "d": {"b": 1, "a": [1, 2.0, "x"], "c": None},
    "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object",
              "properties": {"city": {"type": "string", "description": "Ville — où"}}, "required": ["city"]}}}],
}

SNIPPETS = [
    "{{ messages[::-1] | map(attribute='role') | join(',') }}",
    "{{ messages[1:] | length }}|{{ messages[-1].role }}|{{ messages[:-1][0]['role'] }}|{{ 'abcdef'[::2] }}|{{ 'abcdef'[-2:] }}|{{ 'abcdef'[4:1:-1] }}",
    "{% set ns = namespace(found=false, last=messages|length - 1) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.found = true %}{% set ns.last = loop.index0 %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.last }}",
    "{% set x = 0 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}{{ x }}",
    "{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ s.strip(' Hem') }}|{{ s.upper() }}|{{ s.lower() }}|{{ s.title() }}|{{ s.capitalize() }}",
    "{{ s.startswith('  He') }} {{ s.endswith(('x', 'me  ')) }} {{ s.split() }} {{ s.split(',') }} {{ s.split(None, 1) }} {{ s.rsplit(' ', 2) }}",
    "{{ s.replace('l', 'L') }}|{{ s.replace('l', 'L', 2) }}|{{ s.find('World') }}|{{ s.count('l') }}|{{ '-'.join(['a', 'b']) }}|{{ 'a{}b{x}'.format(1, x=2) }}",
    "{{ messages[2].content.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}|{{ messages[2].content.split('</think>')[-1].lstrip('\\n') }}",
    "{{ d | tojson }}|{{ d | tojson(indent=2) }}|{{ d | tojson(separators=(',', ':')) }}|{{ d | tojson(sort_keys=true) }}|{{ 'é\"\\n' | tojson }}",
    "{{ tools | tojson }}{% for t in tools %}{{ t.function | tojson(indent=4) }}{% endfor %}",
    "{{ n }} {{ f }} {{ big }} {{ t }} {{ none }} {{ empty }} {{ d }} {{ (1, 'a') }} {{ (1,) }} {{ 1.0 }} {{ 1e20 }} {{ 0.1 + 0.2 }} {{ 3 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 1e-5 }}",
    "{{ 'a' ~ 1 ~ none }} {{ 'ab' * 3 }} {{ [1] + [2] }} {{ 'x' in 'xyz' }} {{ 3 in [1, 2] }} {{ 'a' not in d }} {{ 1 == 1.0 }} {{ true == 1 }} {{ 1 < 2 < 3 }}",
    "{% for m in messages %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{% if loop.previtem is defined %}{{ loop.previtem.role }}{% endif %}{% if loop.nextitem is defined %}{{ loop.nextitem.role }}{% endif %}{{ loop.cycle('a', 'b') }};{% endfor %}",
    "{% for m in messages if m.role != 'system' %}{{ loop.index }}:{{ m.role }} {% else %}none{% endfor %}|{% for x in empty %}{{ x }}{% else %}empty{% endfor %}",
    "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}|{% for k in d %}{{ k }}{% endfor %}|{{ d.keys() | list }}|{{ d.get('z', 'dflt') }}|{{ d.get('b') }}",
    "{% for i in range(5) %}{% if i == 1 %}{% continue %}{% endif %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}|{{ range(2, 10, 3) | list }}",
    "{{ x is defined }} {{ n is defined }} {{ none is none }} {{ s is string }} {{ n is number }} {{ n is integer }} {{ f is float }} {{ t is boolean }} {{ d is mapping }} {{ empty is iterable }} {{ s is sequence }} {{ n is odd }} {{ n is even }} {{ 9 is divisibleby 3 }} {{ t is true }} {{ n is not false }} {{ n is eq 7 }} {{ 'ab' is lower }} {{ x is undefined }} {{ range is callable }}",
    "{{ messages | selectattr('role', 'equalto', 'user') | list | length }} {{ messages | rejectattr('role', 'eq', 'user') | map(attribute='role') | join('+') }} {{ [1, 0, 2, none] | select | list }} {{ [1, 2, 3, 4] | select('odd') | list }} {{ [1, 2, 3] | reject('even') | list }}",
    "{{ x | default('dflt') }} {{ '' | default('dflt', true) }} {{ none | default('dflt') }} {{ empty | first | default('no') }} {{ [3, 1, 2] | first }} {{ [3, 1, 2] | last }} {{ [3, 1, 2] | sort }} {{ ['b', 'A', 'c'] | sort }} {{ [3, 1, 2] | sort(reverse=true) }} {{ [1, 2, 1] | unique | list }} {{ [1, 2, 3] | sum }} {{ [1, 5, 3] | max }} {{ [4, 2] | min }}",
    "{{ s | trim }}|{{ s | length }}|{{ s | upper }}|{{ s | lower }}|{{ 'hello world-wide (x)' | title }}|{{ s | capitalize }}|{{ s | replace(' ', '_') }}|{{ s | wordcount }}|{{ [1, 2] | join }}|{{ 'abc' | list }}|{{ 'abc' | reverse }}|{{ [1, 2] | reverse | list }}",
    "{{ '3' | int + 1 }} {{ 'x' | int }} {{ '2.5' | float }} {{ 3 | float }} {{ 2.567 | round(2) }} {{ 2.5 | round }} {{ -3 | abs }} {{ 'a\\nb\\n\\nc' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}|{{ d | dictsort }} {{ '%s-%d' | format('a', 3) }} {{ '<a & b>' | e }} {{ n | string + '!' }}",
    "{{ d | items | list }} {{ [1, 2, 3, 4, 5] | batch(2) | list }} {{ ('abcdefghij' * 30) | truncate(20) }} {{ 'a b c d e f g h i j k l m n o p q r s t u v w x y z a b c' | truncate(20) }} {{ d | length }} {{ messages | groupby('role') | map(attribute=0) | list }}",
    "{%- if t -%}\n  yes\n{%- else -%}\n  no\n{%- endif -%}\n!\n{% if t %}\n    indented\n{% endif %}\n  {% if t %}x{% endif %}\n{# comment #}\nend",
    "{% set greeting %}Hi {{ n }}{% endset %}{{ greeting | upper }}|{% filter upper %}shout {{ n }}{% endfilter %}|{% with a = 1, b = n %}{{ a + b }}{% endwith %}|{% macro tag(name, value='v') %}<{{ name }}={{ value }}>{% endmacro %}{{ tag('a') }}{{ tag('b', value=2) }}",
    "{% set a, b = 1, 2 %}{{ a }}{{ b }}|{{ 'yes' if t else 'no' }}|{{ 'yes' if none else 'no' }}|{{ 'x' if false }}|{{ (n > 5) and 'big' or 'small' }}|{{ not t }}|{{ -n }}|{{ dict(a=1, b='x') }}",
    "{% raw %}{{ not rendered }}{% endraw %}|{{ '{{ literal }}' }}|{{ messages[1].content }}|{{ \"double \\\"quoted\\\"\" }}|{{ 'tab\\there' }}|{{ 'uni\\u00e9' }}",
    "{{ raise_exception('Only user and assistant roles are supported!') if messages[0].role == 'system' else 'ok' }}",
    "{% for m in messages %}{% if m.role == 'assistant' %}{{ raise_exception('The assistant at ' ~ loop.index0 ~ ' is not allowed') }}{% endif %}{% endfor %}",
    "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%B %d, %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M:%S %A %a %j') }}",
    "{% generation %}gen {{ n }}{% endgeneration %}|{{ messages[0]['content'] | trim }}|{{ messages[0].content.strip() }}",
]

# Templates Jinja2 refuses to parse: the engine gives the same line and message.
SYNTAX_ERRORS = [
    "Note:\n{{ text ",
    "{{ a b }}",
    "{% for x in %}{% endfor %}",
    "a\n{{ x.) }}",
    "{# open",
    "{% endfor %}",
    "line 1\n{% if x %}\n{% for y in z %}\n{% endif %}",
    "{% set %}",
]
