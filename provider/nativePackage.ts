// The native plugin's package name, which its type tokens (`oktadynamic:index:RequestType`) and config keys carry.
// It lives here, not in native/ (which the npm package does not ship), because the import command (sdk/codegen)
// writes those type tokens too.
export const NATIVE_PACKAGE = "oktadynamic";

export type NativeResource = "RequestType" | "HookKey" | "ApiObject";

/** A resource's type token on the native door. */
export const nativeType = (name: NativeResource): string => `${NATIVE_PACKAGE}:index:${name}`;
