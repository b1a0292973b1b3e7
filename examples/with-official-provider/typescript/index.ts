// @pulumi/okta declares the group, the app and the inline hook; pulumi-okta-dynamic's native SDK makes the group
// and the app requestable and keeps the hook's signing key (requestable.ts). Two providers, two configs:
// `okta:orgName`, `okta:baseUrl`, `okta:apiToken` for the official one, `oktadynamic:orgUrl`, `oktadynamic:apiToken`
// for this one.
// The official plugin cannot be fetched where this repository is tested: this file is only compiled against the
// official SDK there, and the part that is ours runs against the Okta emulator with stubbed ids (README.md).
import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import { requestable } from "./requestable";

const config = new pulumi.Config();

const admins = new okta.group.Group("salesforce-admins", {
    name: "Salesforce Admins",
    description: "Salesforce administrators, granted through Access Requests",
});
const salesforce = new okta.app.Saml("salesforce", {
    label: "Salesforce",
    preconfiguredApp: "salesforce",
});

const { adminGroup, app, hookSigning } = requestable({ groupId: admins.id, appId: salesforce.id });

// The official inline hook authenticates to its service with OAuth 2.0 private_key_jwt, signed by our key.
const registration = new okta.inline.Hook("registration", {
    name: "Registration checks",
    type: "com.okta.user.pre-registration",
    version: "1.0.0",
    channelJson: pulumi.jsonStringify({
        type: "OAUTH",
        version: "1.0.0",
        config: {
            method: "POST",
            uri: "https://hooks.example.com/registration",
            authType: "private_key_jwt",
            hookKeyId: hookSigning.id,
            clientId: config.require("hookClientId"),
            tokenUrl: "https://hooks.example.com/oauth2/token",
            scope: "okta.hooks",
        },
    }),
});

export const adminRequestTypeId = adminGroup.id;
export const appRequestTypeId = app.id;
export const hookId = registration.id;
