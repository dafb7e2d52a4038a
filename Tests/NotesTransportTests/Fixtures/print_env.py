"""Prints the environment the program sees, as JSON."""
import json
import os

print(json.dumps(dict(os.environ), sort_keys=True))
