# A Python Automation API inline program on the generated SDK (pulumi_oktadynamic): up, preview with no changes, a
# status change, destroy. Run by tests/nativePython.e2e.test.ts, which starts the emulator and reads the JSON printed.
import json
import os
import sys

import pulumi
import pulumi_oktadynamic as okta
from inline_stack import okta_stack

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


stack = okta_stack("native-py", program)
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
