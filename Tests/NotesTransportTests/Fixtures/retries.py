"""One call whose first attempts fail (529s, a 429, a 500 or a dropped connection): the SDK retries."""
import sys

import anthropic

client = anthropic.Anthropic()
model = sys.argv[1] if len(sys.argv) > 1 else "stand-in-overloaded"
response = client.messages.create(model=model, max_tokens=64, messages=[{"role": "user", "content": f"Retry me ({model})."}])
print(response.content[0].text)
print(f"request {response._request_id} stop={response.stop_reason}")
