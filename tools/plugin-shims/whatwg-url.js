// What node-fetch 2 takes from whatwg-url in the plugin bundle (tools/build-plugin.js): only `URL`, and only when
// Node's own is missing, which it never is on Node 22.
exports.URL = require("url").URL;
