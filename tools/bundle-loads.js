// What a bundle would load from outside itself, as tools/build-plugin.js refuses it: each require() whose argument
// is not a string literal naming a Node built-in module, each import(), and each other use of `require` but
// `require.main` (passing it on, require.resolve). The loader's `require` loads built-ins only; this finds at build
// time what would then fail at run time. Conservative: a match inside a string counts too.
"use strict";
const { isBuiltin } = require("node:module");

/** The distinct texts in `code` that load, or could load, a module that is not one of Node's built-ins. */
function foreignLoads(code) {
    const found = new Set();
    for (const m of code.matchAll(/(?<![\w$.])(require|import)\s*\(\s*([^)]*?)\s*\)/g)) {
        const literal = /^(["'])([^"']*)\1$/.exec(m[2]);
        if (m[1] === "import" || !literal || !isBuiltin(literal[2])) found.add(m[0]);
    }
    for (const m of code.matchAll(/(?<![\w$.])require(?![\w$]|\s*\(|\.main\b)(?:\s*\.\s*[\w$]+)?/g)) found.add(m[0]);
    return [...found];
}

module.exports = { foreignLoads };
