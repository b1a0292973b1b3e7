# The part of the program this package serves: the official provider's group and app made requestable in Okta
# Access Requests, and the key that signs the inline hook's calls. It takes the official objects' ids, so it runs
# (and is tested, against the Okta emulator) without the official provider.
import pulumi
import pulumi_oktadynamic as oktadynamic


def requestable(group_id: pulumi.Input[str], app_id: pulumi.Input[str]):
    it = oktadynamic.get_team_output(name="IT")

    # Admin rights: the requester's manager approves, and membership ends after a day.
    admin_group = oktadynamic.RequestType("salesforce-admins",
        name="salesforce-admins",
        description="Request a day of Salesforce admin rights",
        owner_id=it.id,
        resource_settings={"type": "GROUPS", "target_resources": [{"resource_id": group_id}]},
        approval_settings={"type": "SERIAL", "approvals": [{"approver_type": "MANAGER"}]},
        access_duration="P1D",
        status="ACTIVE")

    # The app itself: the requester says why, the manager approves, the assignment lasts 30 days.
    app = oktadynamic.RequestType("salesforce-app",
        name="salesforce-app",
        description="Request access to Salesforce",
        owner_id=it.id,
        resource_settings={"type": "APPS", "target_resources": [{"resource_id": app_id}]},
        request_settings={
            "type": "EVERYONE",
            "requester_fields": [{"prompt": "What do you need Salesforce for?", "type": "TEXT", "required": True}],
        },
        approval_settings={"type": "SERIAL", "approvals": [{"approver_type": "MANAGER"}]},
        access_duration="P30D",
        status="ACTIVE")

    # Okta signs the inline hook's token requests with this key (private_key_jwt); the hook names it by its id.
    hook_signing = oktadynamic.HookKey("registration-hook-signing", name="registration-hook-signing")

    return admin_group, app, hook_signing
