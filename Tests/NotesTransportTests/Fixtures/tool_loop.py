"""A non-streaming tool loop: one turn asks for two tools at once, the next gives the answer."""
import json
import sys

import anthropic

client = anthropic.Anthropic()
CALENDARS = {"james@abc.com": "free after 11:00", "sarah@abc.com": "free after 14:00"}
tools = [{
    "name": "check_calendar",
    "description": "Checks one person's calendar by email.",
    "input_schema": {"type": "object", "properties": {"email": {"type": "string"}, "days": {"type": "integer"}}, "required": ["email"]},
}]
prompt = sys.argv[1] if len(sys.argv) > 1 else "When are James and Sarah both free?"
messages = [{"role": "user", "content": prompt}]
step = 0
while True:
    step += 1
    response = client.messages.create(model="stand-in-tools", max_tokens=512, tools=tools, messages=messages,
                                      thinking={"type": "enabled", "budget_tokens": 1024})
    for block in response.content:
        if block.type == "thinking":
            print(f"STEP {step} THOUGHT {block.thinking} [signature {block.signature[-6:]}]")
        elif block.type == "text":
            print(f"STEP {step} SAYS {block.text}")
        elif block.type == "tool_use":
            print(f"STEP {step} ACTION {block.name}({json.dumps(block.input)}) id={block.id}")
    if response.stop_reason != "tool_use":
        break
    messages.append({"role": "assistant", "content": response.content})
    results = []
    for block in response.content:
        if block.type == "tool_use":
            observation = CALENDARS[block.input["email"]]
            print(f"STEP {step} OBSERVATION {block.input['email']}: {observation}")
            results.append({"type": "tool_result", "tool_use_id": block.id, "content": observation})
    messages.append({"role": "user", "content": results})
print(f"DONE {response.id} stop={response.stop_reason} usage={response.usage.input_tokens}/{response.usage.output_tokens}")
