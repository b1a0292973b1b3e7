// Check failures as the engine prints them: `property P value V has a problem: R`, where V is the input named P.
// The engine only knows top-level inputs, so a nested path there prints `{<nil>}`; and a property that was never
// written (a missing one, or `importId`, which the SDK makes from the `import` option) says nothing useful either.
import { Failure } from "./schema/validate";

/** Inputs the SDK fills in from resource options, named the way the program wrote them. */
const OPTION_INPUTS: Record<string, string> = { importId: "the `import` option" };

export function engineFailures(failures: Failure[], inputs: Record<string, unknown>): Failure[] {
    return failures.map(({ property, reason }) => {
        if (property === "") return { property, reason };
        const option = OPTION_INPUTS[property];
        if (option) return { property: "", reason: `${option}: ${reason}` };
        const cut = property.search(/[.[]/);
        const top = cut < 0 ? property : property.slice(0, cut);
        const value = inputs[top];
        // The whole path goes in the reason when the engine has no value to show for the top-level property.
        if (top === "" || value === undefined || value === null) return { property: "", reason: `${property} ${reason}` };
        if (cut < 0) return { property, reason };
        const rest = property.slice(cut).replace(/^\./, "");
        return { property: top, reason: `${rest} ${reason}` };
    });
}
