// `pulumi up` entry point (org and token in stack config: okta:orgName, okta:apiToken).
import { hookKeys } from "./program";

const out = hookKeys();
export const hookKeyId = out.hookKeyId;
export const keyId = out.keyId;
export const publicKeyPem = out.publicKeyPem;
