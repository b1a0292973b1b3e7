# The README's Python quickstart as an Automation API inline program: the text of its __main__.py (the file named by
# README_MAIN) runs as the program, in the project README_PROJECT; up, preview, destroy. Run by
# tests/readmePythonQuickstart.e2e.test.ts, which starts the emulator and reads the JSON printed.
import json
import os
import sys

from inline_stack import okta_stack

with open(os.environ["README_MAIN"], encoding="utf-8") as f:
    main = compile(f.read(), "__main__.py", "exec")


def program():
    exec(main, {"__name__": "__main__"})


stack = okta_stack(os.environ["README_PROJECT"], program)
out = {}
up = stack.up()
out["created"] = up.summary.resource_changes
out["outputs"] = {k: v.value for k, v in up.outputs.items()}
out["preview"] = stack.preview().change_summary
out["destroyed"] = stack.destroy().summary.resource_changes
json.dump(out, sys.stdout)
