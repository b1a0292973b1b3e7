// The examples in a schema description, in the Pulumi Registry's shortcodes (as pulumi-command writes them):
//   {{% examples %}} ## Example Usage {{% example %}} ### <title> <one fenced block per language> {{% /example %}} ... {{% /examples %}}
// Pure: nativeSchema.ts checks each doc file with it, and tests/nativeExamples.e2e.test.ts takes from schema.json
// the code it runs.

/** The languages every example is written in, by their fence names (those Pulumi's codegen filters on). */
export const EXAMPLE_LANGUAGES = ["typescript", "python", "go", "yaml"] as const;
export type ExampleLanguage = (typeof EXAMPLE_LANGUAGES)[number];

export interface SchemaExample {
    title: string;
    code: Record<ExampleLanguage, string>;
}

const EXAMPLES = /\{\{% examples %\}\}([\s\S]*?)\{\{% \/examples %\}\}/g;
const EXAMPLE = /\{\{% example %\}\}([\s\S]*?)\{\{% \/example %\}\}/g;
const FENCE = /^```(\w+)\n([\s\S]*?)^```$/gm;

/**
 * Every example of a description, or an error naming `where` and what is wrong: no examples section, an example
 * without a `### ` title, a language missing or given twice, a fence in another language.
 */
export function examplesOf(description: string, where: string): SchemaExample[] {
    const sections = [...description.matchAll(EXAMPLES)];
    if (sections.length !== 1) throw new Error(`${where}: needs one {{% examples %}} ... {{% /examples %}} section, has ${sections.length}`);
    const out: SchemaExample[] = [];
    for (const [, body] of sections[0][1].matchAll(EXAMPLE)) {
        const title = /^### (.+)$/m.exec(body)?.[1].trim();
        if (!title) throw new Error(`${where}: an example has no "### <title>"`);
        const code: Partial<Record<ExampleLanguage, string>> = {};
        for (const [, lang, text] of body.matchAll(FENCE)) {
            if (!(EXAMPLE_LANGUAGES as readonly string[]).includes(lang)) throw new Error(`${where}, "${title}": a \`\`\`${lang} block (the languages are ${EXAMPLE_LANGUAGES.join(", ")})`);
            if (code[lang as ExampleLanguage] !== undefined) throw new Error(`${where}, "${title}": two \`\`\`${lang} blocks`);
            code[lang as ExampleLanguage] = text;
        }
        const missing = EXAMPLE_LANGUAGES.filter((l) => code[l] === undefined);
        if (missing.length) throw new Error(`${where}, "${title}": no ${missing.join(", ")} block`);
        out.push({ title, code: code as Record<ExampleLanguage, string> });
    }
    if (!out.length) throw new Error(`${where}: the examples section holds no {{% example %}} ... {{% /example %}}`);
    return out;
}
