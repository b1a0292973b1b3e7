# Runs the schema's Python examples (files named in EXAMPLES, in order) as Automation API inline programs, one stack
# each, in this one process: up, preview, destroy (up only for LOOKUPS, which declare no resource). Used by
# tests/nativeExamples.e2e.test.ts, which gives EXAMPLES (name=path pairs, comma-separated), LOOKUPS (names), WORK_DIR,
# EXAMPLE_CONFIG (stack config as JSON) and the CLI's environment.
# Prints one JSON line: for each example its outputs and the preview's change summary.
import json
import os
import runpy
import sys

from pulumi import automation as auto

config = {k: auto.ConfigValue(v["value"], secret=v.get("secret", False)) for k, v in json.loads(os.environ["EXAMPLE_CONFIG"]).items()}
env = {k: os.environ[k] for k in ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PATH", "PULUMI_HOME"]}
results = {}
lookups = set(os.environ.get("LOOKUPS", "").split(","))
for pair in os.environ["EXAMPLES"].split(","):
    name, file = pair.split("=", 1)
    project = f"ex-py-{name}"
    work_dir = os.path.join(os.environ["WORK_DIR"], project)
    os.makedirs(work_dir, exist_ok=True)
    stack = auto.create_or_select_stack(
        stack_name="dev",
        project_name=project,
        program=lambda file=file: runpy.run_path(file, run_name="__main__"),
        opts=auto.LocalWorkspaceOptions(
            work_dir=work_dir,
            env_vars=env,
            project_settings=auto.ProjectSettings(name=project, runtime="python", backend=auto.ProjectBackend(url=os.environ["PULUMI_BACKEND_URL"])),
        ),
    )
    stack.set_all_config(config)
    up = stack.up()
    outputs = {k: v.value for k, v in up.outputs.items()}
    if name in lookups:
        results[name] = {"outputs": outputs}
        continue
    preview = stack.preview()
    stack.destroy()
    results[name] = {"outputs": outputs, "preview": preview.change_summary}
json.dump(results, sys.stdout, default=str)
print()
