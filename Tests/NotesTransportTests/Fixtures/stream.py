"""A streamed call through client.messages.stream, printing every event the SDK surfaces."""
import json
import sys

import anthropic

client = anthropic.Anthropic()
model = sys.argv[1] if len(sys.argv) > 1 else "stand-in-tools"
tools = [{"name": "check_calendar", "description": "Checks a calendar.", "input_schema": {"type": "object", "properties": {"email": {"type": "string"}}}}]
try:
    with client.messages.stream(model=model, max_tokens=512, tools=tools, thinking={"type": "enabled", "budget_tokens": 1024},
                                messages=[{"role": "user", "content": "Check James and Sarah."}]) as stream:
        for event in stream:
            if event.type == "text":
                print(f"text {event.text!r}")
            elif event.type == "thinking":
                print(f"thinking {event.thinking!r}")
            elif event.type == "signature":
                print(f"signature {event.signature[-6:]}")
            elif event.type == "input_json":
                print(f"input_json {event.partial_json!r}")
            else:
                print(f"event {event.type}")
        final = stream.get_final_message()
    for block in final.content:
        print("block", json.dumps(block.to_dict(), sort_keys=True, ensure_ascii=False))
    print(f"final {final.id} stop={final.stop_reason} output_tokens={final.usage.output_tokens}")
except Exception as error:  # the stream-error and stream-drop scenarios end here, the same way each time
    print(f"raised {type(error).__name__}")
