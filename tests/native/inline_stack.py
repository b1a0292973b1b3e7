# The Automation API stack the Python tests run their inline programs in (no language host needed), set up from the
# environment the test gives: WORK_DIR, PULUMI_HOME, PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, PATH, and the org
# as stack config (ORG_URL, API_TOKEN), as a user sets it with `pulumi config set`.
import os

from pulumi import automation as auto


def okta_stack(project_name, program):
    stack = auto.create_or_select_stack(
        stack_name="dev",
        project_name=project_name,
        program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=os.environ["WORK_DIR"],
            pulumi_home=os.environ["PULUMI_HOME"],
            env_vars={k: os.environ[k] for k in ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PATH", "PULUMI_HOME"]},
            project_settings=auto.ProjectSettings(name=project_name, runtime="python", backend=auto.ProjectBackend(url=os.environ["PULUMI_BACKEND_URL"])),
        ),
    )
    stack.set_config("oktadynamic:orgUrl", auto.ConfigValue(os.environ["ORG_URL"]))
    stack.set_config("oktadynamic:apiToken", auto.ConfigValue(os.environ["API_TOKEN"], secret=True))
    return stack
