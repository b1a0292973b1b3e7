// `pulumi up` entry point (org and token in stack config: okta:orgName, okta:apiToken; an OAuth service app
// needs the okta.devices.read scope). Optionally: pulumi config set platform MACOS
import * as pulumi from "@pulumi/pulumi";
import { devices } from "./program";

const config = new pulumi.Config();
const out = devices(config.get("platform") ?? "WINDOWS");
export const activeDeviceCount = out.activeDeviceCount;
export const activeDevices = out.activeDevices;
export const suspendedDeviceIds = out.suspendedDeviceIds;
