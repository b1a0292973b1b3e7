# A Python Automation API inline program on the generated SDK (pulumi_oktadynamic): up, preview with no changes, a
# status change, destroy. Run by tests/nativePython.e2e.test.ts, which starts the emulator and reads the JSON printed.
import json
import os
import sys

import pulumi
import pulumi_oktadynamic as okta
from pulumi import automation as auto

status = {"value": "DRAFT"}


def program():
    it = okta.get_team(name="IT")
    rt = okta.RequestType(
        "access",
        name="native-py-access",
        owner_id=it.id,
        resource_settings=okta.ResourceSettingsArgs(type="GROUPS", target_resources=[okta.TargetResourceArgs(resource_id=os.environ["GROUP_ID"])]),
        approval_settings=okta.ApprovalSettingsArgs(type="SERIAL", approvals=[okta.ApprovalArgs(approver_type="MANAGER")]),
        status=status["value"],
    )
    pulumi.export("status", rt.status)


stack = auto.create_or_select_stack(
    stack_name="dev",
    project_name="native-py",
    program=program,
    opts=auto.LocalWorkspaceOptions(
        work_dir=os.environ["WORK_DIR"],
        pulumi_home=os.environ["PULUMI_HOME"],
        env_vars={k: os.environ[k] for k in ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PATH", "PULUMI_HOME"]},
        project_settings=auto.ProjectSettings(name="native-py", runtime="python", backend=auto.ProjectBackend(url=os.environ["PULUMI_BACKEND_URL"])),
    ),
)
stack.set_config("oktadynamic:orgUrl", auto.ConfigValue(os.environ["ORG_URL"]))
stack.set_config("oktadynamic:apiToken", auto.ConfigValue(os.environ["API_TOKEN"], secret=True))
out = {}
up = stack.up()
out["created"] = up.summary.resource_changes
out["status"] = up.outputs["status"].value
pre = stack.preview()
out["preview"] = pre.change_summary
status["value"] = "ACTIVE"
up2 = stack.up()
out["changed"] = up2.summary.resource_changes
out["status2"] = up2.outputs["status"].value
stack.destroy()
json.dump(out, sys.stdout)
