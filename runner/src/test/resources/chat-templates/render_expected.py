"""Renders every published chat template in published/ (sources.json says where each came from) the
way Hugging Face transformers' apply_chat_template(..., tokenize=False) renders it, into
expected.json, which ChatTemplateConformanceTest compares the runner's rendering with, byte for byte.

It also renders the feature snippets of snippets.py (one Jinja2 feature each) with the same environment.

The environment is transformers' _compile_jinja_template (src/transformers/utils/chat_template_utils.py):
an ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks, jinja2.ext.loopcontrols and the
{% generation %} tag; tojson as json.dumps with ensure_ascii off; raise_exception; strftime_now.
The variables are those apply_chat_template passes: messages, tools=None, documents=None,
add_generation_prompt, the tokenizer's special tokens, and the extra keyword arguments.
strftime_now reads a pinned clock (PINNED_NOW) so the expected output does not change from day to day.

Run with Debian's python3-jinja2 (3.1): /usr/bin/python3 render_expected.py
"""
import datetime
import json
import os

import jinja2
import jinja2.ext
from snippets import SNIPPETS, SYNTAX_ERRORS, VARIABLES
from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
PINNED_NOW = datetime.datetime(2026, 3, 5, 14, 30, 0)

SYSTEM = {"role": "system", "content": "You are a careful clinical coder. Answer with one word."}
USER = {"role": "user", "content": "Classify the note.\nFièvre et toux — 3 jours, \"sèche\"; see {{ not_a_variable }} 😷  "}
ANSWER = {"role": "assistant", "content": "respiratory"}
USER2 = {"role": "user", "content": "  And this one? Chest pain on exertion.\t"}

# (shape, messages, add_generation_prompt): prompts as inference sends them, and whole conversations
# as training renders them (the answer as the last assistant turn, no generation prompt)
SHAPES = [
    ("system+user", [SYSTEM, USER], True),
    ("user", [USER], True),
    ("user-no-generation-prompt", [USER], False),
    ("multi-turn", [SYSTEM, USER, ANSWER, USER2], True),
    ("multi-turn-no-system", [USER, ANSWER, USER2], False),
    ("training-system+user", [SYSTEM, USER, ANSWER], False),
    ("training-user", [USER, ANSWER], False),
]


class GenerationTag(jinja2.ext.Extension):
    """transformers' AssistantTracker without the tracking: {% generation %} renders its body."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_render"), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


class RaisedByTemplate(TemplateError):
    """What raise_exception raises (transformers raises TemplateError itself; a subclass tells them apart here)."""


def raise_exception(message):
    raise RaisedByTemplate(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return PINNED_NOW.strftime(format)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                    extensions=[GenerationTag, jinja2.ext.loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
env.globals["strftime_now"] = strftime_now


def main():
    with open(os.path.join(HERE, "published", "sources.json"), encoding="utf-8") as f:
        sources = json.load(f)["templates"]
    cases = []
    for source in sources:
        with open(os.path.join(HERE, "published", source["file"]), encoding="utf-8") as f:
            template = env.from_string(f.read())
        for args in [{}] + source["variants"]:
            for shape, messages, add_generation_prompt in SHAPES:
                case = {"template": source["name"], "shape": shape, "add_generation_prompt": add_generation_prompt,
                        "args": args, "messages": messages}
                try:
                    case["text"] = template.render(messages=messages, tools=None, documents=None,
                                                   add_generation_prompt=add_generation_prompt,
                                                   **source["special_tokens"], **args)
                except RaisedByTemplate as e:  # raise_exception: the template's own message
                    case["error"] = str(e)
                except Exception as e:  # a failure of the template itself (UndefinedError, TypeError, ...)
                    case["failure"] = str(e)
                    case["failure_type"] = type(e).__name__
                cases.append(case)
    snippets = []
    for source in SNIPPETS:
        snippet = {"template": source}
        try:
            snippet["text"] = env.from_string(source).render(**VARIABLES)
        except RaisedByTemplate as e:
            snippet["error"] = str(e)
        snippets.append(snippet)
    syntax_errors = []
    for source in SYNTAX_ERRORS:
        try:
            env.from_string(source)
            raise SystemExit("parses: " + repr(source))
        except jinja2.TemplateSyntaxError as e:
            syntax_errors.append({"template": source, "line": e.lineno, "message": e.message})
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as out:
        json.dump({"jinja2": jinja2.__version__, "pinned_now": PINNED_NOW.isoformat(), "cases": cases,
                   "snippet_variables": VARIABLES, "snippets": snippets, "syntax_errors": syntax_errors}, out,
                  ensure_ascii=False, indent=1)
        out.write("\n")
    print(len(cases), "cases,", sum("error" in c for c in cases), "raising,", sum("failure" in c for c in cases), "failing")


if __name__ == "__main__":
    main()
