# One `pulumi up`, `pulumi preview` or `pulumi destroy` of docs/quickstarts.md's Python project, as an Automation API
# inline program (the Python language host cannot be built here): the stack the page's `pulumi stack init` made in
# the folder (argv[1]) is selected, its Pulumi.yaml read, and its __main__.py, as written, is the program. The
# backend, passphrase and PULUMI_HOME are the shell's (the environment). Prints one JSON line: what changed, and
# after `up` the stack's outputs. Run by tests/quickstarts.e2e.test.ts with the venv's python.
import json
import os
import sys

from pulumi import automation as auto

work_dir, project, command = sys.argv[1:4]
with open(os.path.join(work_dir, "__main__.py"), encoding="utf-8") as f:
    main = compile(f.read(), "__main__.py", "exec")


def program():
    exec(main, {"__name__": "__main__"})


stack = auto.select_stack(stack_name="dev", project_name=project, program=program, opts=auto.LocalWorkspaceOptions(work_dir=work_dir))
if command == "up":
    up = stack.up()
    out = {"changes": up.summary.resource_changes, "outputs": {k: v.value for k, v in up.outputs.items()}}
elif command == "preview":
    out = {"changes": stack.preview().change_summary}
elif command == "destroy":
    out = {"changes": stack.destroy().summary.resource_changes}
else:
    raise SystemExit(f"unknown command {command}")
print(json.dumps(out))
