# pulumi_okta declares the group, the app and the inline hook; pulumi-okta-dynamic's native SDK makes the group and
# the app requestable and keeps the hook's signing key (requestable.py). Two providers, two configs: `okta:orgName`,
# `okta:baseUrl`, `okta:apiToken` for the official one, `oktadynamic:orgUrl`, `oktadynamic:apiToken` for this one.
# The official plugin cannot be fetched where this repository is tested: this file is only compiled against the
# official SDK there, and the part that is ours runs against the Okta emulator with stubbed ids (README.md).
import pulumi
import pulumi_okta as okta

from requestable import requestable

config = pulumi.Config()

admins = okta.group.Group("salesforce-admins",
    name="Salesforce Admins",
    description="Salesforce administrators, granted through Access Requests")
salesforce = okta.app.Saml("salesforce", label="Salesforce", preconfigured_app="salesforce")

admin_group, app, hook_signing = requestable(group_id=admins.id, app_id=salesforce.id)

# The official inline hook authenticates to its service with OAuth 2.0 private_key_jwt, signed by our key.
registration = okta.inline.Hook("registration",
    name="Registration checks",
    type="com.okta.user.pre-registration",
    version="1.0.0",
    channel_json=pulumi.Output.json_dumps({
        "type": "OAUTH",
        "version": "1.0.0",
        "config": {
            "method": "POST",
            "uri": "https://hooks.example.com/registration",
            "authType": "private_key_jwt",
            "hookKeyId": hook_signing.id,
            "clientId": config.require("hookClientId"),
            "tokenUrl": "https://hooks.example.com/oauth2/token",
            "scope": "okta.hooks",
        },
    }))

pulumi.export("adminRequestTypeId", admin_group.id)
pulumi.export("appRequestTypeId", app.id)
pulumi.export("hookId", registration.id)
