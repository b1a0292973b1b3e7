// What node-fetch 2's optional `require("encoding")` finds in the plugin bundle (tools/build-plugin.js): a module
// that is not there, as when the package is not installed (node-fetch then leaves only textConverted() unusable,
// which nothing here calls). Left to Node, it was looked up on disk at every start, from node_modules above the
// plugin's folder and NODE_PATH, and run inside the plugin.
const e = new Error("Cannot find module 'encoding': not bundled into the oktadynamic plugin");
e.code = "MODULE_NOT_FOUND";
throw e;
