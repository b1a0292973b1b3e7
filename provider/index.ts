// What runs inside the Pulumi engine's plugin process. The SDK's serialized stubs require this module by
// name at run time, so the logic lives in the installed package and never in state.
export { requestTypeProvider } from "./requestType";
export { hookKeyProvider } from "./hookKey";
export { apiObjectProvider } from "./apiObject";
export { executeApiCall, validateApiCall } from "./apiCall";
export { configure } from "./configure";
export { OktaClient } from "./okta/client";
export { OktaApiError, OktaNetworkError } from "./okta/errors";
export { resolveOrgSettings, setStackConfig, NAMESPACE } from "./okta/settings";
export { validateRequestType } from "./schema/requestTypeRules";
export { canonicalRequestType, diffRequestType } from "./requestTypeDiff";
export * from "./schema/requestType";
export * from "./schema/hookKey";
