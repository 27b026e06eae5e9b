"""Writes cases.json: chat templates in the styles of well-known models, rendered the way Python
transformers' apply_chat_template renders them (an ImmutableSandboxedEnvironment with trim_blocks,
lstrip_blocks, loopcontrols and raise_exception). Run with jinja2 3.x: python3 make_cases.py"""
import json
from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = {
    "llama3": "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}",
    "mistral": "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}",
    "gemma": "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}",
    "zephyr": "{% for message in messages %}\n{% if message['role'] == 'user' %}\n{{ '<|user|>\\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'system' %}\n{{ '<|system|>\\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'assistant' %}\n{{ '<|assistant|>\\n'  + message['content'] + eos_token }}\n{% endif %}\n{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}",
    "qwen2.5": "{%- if messages[0]['role'] == 'system' %}\n    {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n{%- else %}\n    {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}\n{%- endif %}\n{%- for message in messages %}\n    {%- if (message.role == \"user\") or (message.role == \"system\" and not loop.first) or (message.role == \"assistant\") %}\n        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n    {%- endif %}\n{%- endfor %}\n{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n' }}\n{%- endif %}\n",
    "llama2-namespace": "{%- set ns = namespace(system='') %}\n{%- for message in messages %}\n    {%- if message['role'] == 'system' %}{%- set ns.system = message['content'] %}{%- endif %}\n{%- endfor %}\n{{- bos_token }}{%- if ns.system %}<<SYS>>{{ ns.system }}<</SYS>>{%- endif %}\n{%- for message in messages %}\n{%- if message['role'] != 'system' %}\n[{{ message['role'] | upper }}] {{ message['content'] }}\n{%- endif %}\n{%- endfor %}\n{%- if add_generation_prompt %}\n[ASSISTANT]\n{% endif %}\n",
}

CONVERSATIONS = [
    [{"role": "system", "content": "Answer with one word."}, {"role": "user", "content": "Classify the note.\nChest pain on exertion."}],
    [{"role": "user", "content": "  Fièvre et toux — 3 jours.  "}],
    [{"role": "user", "content": "Note: {{ not a variable }} {% raw %}"}, {"role": "assistant", "content": "respiratory"}, {"role": "user", "content": "And this one?"}],
]


def raise_exception(message):
    raise TemplateError(message)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
env.globals["raise_exception"] = raise_exception

cases = []
for name, source in TEMPLATES.items():
    template = env.from_string(source)
    for messages in CONVERSATIONS:
        for add_generation_prompt in (True, False):
            case = {"template": name, "messages": messages, "add_generation_prompt": add_generation_prompt}
            try:
                case["text"] = template.render(messages=messages, add_generation_prompt=add_generation_prompt,
                                               bos_token="<s>", eos_token="</s>")
            except TemplateError as e:
                case["error"] = str(e)
            cases.append(case)

with open("cases.json", "w", encoding="utf-8") as out:
    json.dump({"bos_token": "<s>", "eos_token": "</s>", "templates": TEMPLATES, "cases": cases}, out,
              ensure_ascii=False, indent=1)
