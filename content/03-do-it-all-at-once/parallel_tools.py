from dotenv import load_dotenv, find_dotenv
load_dotenv(find_dotenv())

import anthropic
import json
from datetime import date

client = anthropic.Anthropic()
MODEL = "claude-sonnet-4-6"

# --- Tools -------------------------------------------------------------------

tools = [
    {
        "name": "list_emails",
        "description": (
            "Lists the emails of everyone in the team. Use this to look up an "
            "email before checking a calendar or creating an event. No parameters."
        ),
        "input_schema": {"type": "object", "properties": {}},
    },
    {
        "name": "check_calendar",
        "description": (
            "Checks the calendar of a specific person by email. You MUST call "
            "this for every attendee before creating a calendar event."
        ),
        "input_schema": {
            "type": "object",
            "properties": {
                "email": {"type": "string", "format": "email"},
            },
            "required": ["email"],
        },
    },
    {
        "name": "create_calendar_event",
        "description": (
            "Creates a calendar event. Takes a title, ISO start/end times, and "
            "an optional list of attendee emails."
        ),
        "input_schema": {
            "type": "object",
            "properties": {
                "title":     {"type": "string"},
                "start":     {"type": "string", "format": "date-time"},
                "end":       {"type": "string", "format": "date-time"},
                "attendees": {
                    "type": "array",
                    "items": {"type": "string", "format": "email"},
                },
            },
            "required": ["title", "start", "end"],
        },
    },
]

# --- Fake infra --------------------------------------------------------------

EMAILS = {
    "James Jones":  "james@abc.com",
    "Sarah Smith":  "sarah@abc.com",
    "Trish Taylor": "trish@abc.com",
}

CALENDAR = {
    "james@abc.com": [
        {"title": "Monthly Review",          "start": "2026-05-25T10:00:00Z", "end": "2026-05-25T11:00:00Z"},
        {"title": "Project Alignment Pitch", "start": "2026-05-26T14:00:00Z", "end": "2026-05-26T15:30:00Z"},
        {"title": "1-on-1 with Manager",     "start": "2026-05-28T09:00:00Z", "end": "2026-05-28T09:45:00Z"},
    ],
    "sarah@abc.com": [
        {"title": "Client Onboarding",    "start": "2026-05-25T13:00:00Z", "end": "2026-05-25T14:00:00Z"},
        {"title": "Marketing Brainstorm", "start": "2026-05-27T10:30:00Z", "end": "2026-05-27T12:00:00Z"},
    ],
    "trish@abc.com": [
        {"title": "Daily Standup",   "start": "2026-05-26T08:30:00Z", "end": "2026-05-26T09:00:00Z"},
        {"title": "Sprint Planning", "start": "2026-05-29T11:00:00Z", "end": "2026-05-29T13:00:00Z"},
    ],
}

def run_tool(name, tool_input):
    if name == "list_emails":
        return EMAILS
    if name == "check_calendar":
        return CALENDAR.get(tool_input["email"], [])
    if name == "create_calendar_event":
        return {"event_id": "evnt_123", "status": "success"}
    return {"error": f"Tool {name!r} not found"}

# --- Claude call -------------------------------------------------------------

SYSTEM = (
    "You are a personal assistant who manages the user's calendar. "
    f"Today's date is {date.today().isoformat()}."
)

def ask(messages):
    return client.messages.create(
        model=MODEL,
        system=SYSTEM,
        max_tokens=1024,
        tools=tools,
        thinking={"type": "adaptive"},
        tool_choice={"type": "auto"},
        messages=messages,
    )

# --- Output helpers ----------------------------------------------------------

def show(label, body):
    print(f"─── {label} " + "─" * max(0, 54 - len(label)))
    if body:
        print("  " + body.replace("\n", "\n  "))

def show_thoughts_and_text(step, blocks):
    for b in blocks:
        if b.type == "thinking" and b.thinking:
            show(f"STEP {step}  ·  THOUGHT", b.thinking.strip())
        elif b.type == "text" and b.text:
            show(f"STEP {step}  ·  SAYS", b.text.strip())

# --- The ReAct loop ----------------------------------------------------------

messages = [{
    "role": "user",
    "content": (
        "Create me a meeting event with James and Sarah please for next "
        "Wednesday at 2pm for 1 hour."
    ),
}]

show("SYSTEM", SYSTEM)
show("USER", messages[0]["content"])

response = ask(messages)

step = 1
while response.stop_reason == "tool_use":
    # 1. Show whatever the model said this turn
    show_thoughts_and_text(step, response.content)

    # 2. Run every tool call the model emitted, in order, collecting results
    tool_uses = [b for b in response.content if b.type == "tool_use"]
    tool_results = []
    for j, tu in enumerate(tool_uses, start=1):
        show(f"STEP {step}  ·  ACTION {j}",
             f"{tu.name}({json.dumps(tu.input)})")
        result = run_tool(tu.name, tu.input)
        show(f"STEP {step}  ·  OBSERVATION {j}", json.dumps(result))
        tool_results.append({
            "type": "tool_result",
            "tool_use_id": tu.id,
            "content": json.dumps(result),
        })

    # 3. Feed every result back in a single user message
    messages.append({"role": "assistant", "content": response.content})
    messages.append({"role": "user", "content": tool_results})

    response = ask(messages)
    step += 1

# Final turn
show_thoughts_and_text("FINAL", response.content)
print(f"─── stop_reason: {response.stop_reason} " + "─" * 18)
