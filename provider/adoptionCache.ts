// What check() fetched to verify an `{ import }` adoption, kept for the create() that follows in the same engine
// run, so adopting costs one GET, not two. Taken once; a create in another process fetches again.
//
// It also remembers which ids a create adopted in this run (the plugin process lives for one engine
// operation). When the engine replaces a resource whose program still says `{ import: id }`, or a program moves
// the import to another resource name, the new resource adopts the very object the old one holds; the engine
// then deletes the old resource, and that delete must not remove the object the new one now owns.
import { containsUnknown } from "./requestTypeDiff";

export class AdoptionCache<T> {
    private readonly fetched = new Map<string, T>();
    private readonly adopted = new Set<string>();

    keep(id: string, object: T): void {
        this.fetched.set(id, object);
    }

    take(id: string): T | undefined {
        const o = this.fetched.get(id);
        this.fetched.delete(id);
        return o;
    }

    noteAdopted(id: string): void {
        this.adopted.add(id);
    }

    /** Ids a create of this run made: a name found taken by one of them is another resource's, never adopted. */
    private readonly created = new Set<string>();

    noteCreated(id: string): void {
        this.created.add(id);
    }

    createdInThisRun(id: string): boolean {
        return this.created.has(id);
    }

    /** True when a create of this run adopted the object: deleting "the old one" would delete the new one. */
    adoptedInThisRun(id: string): boolean {
        return this.adopted.has(id);
    }
}

/**
 * Pulumi refuses to replace a resource whose program still carries `import` (the replacement would import the
 * same object again); dynamic resources import through the provider, so the provider says the same thing.
 */
export function importStillDeclared(what: string, id: string, news: Record<string, unknown>, replaces: string[]): Error | undefined {
    // A value unknown in preview may not change at all: `up`, which knows it, decides.
    const certain = replaces.filter((k) => !containsUnknown(news[k] as never));
    if (certain.length === 0 || news.importId !== id) return undefined;
    return new Error(
        `${what} was adopted with { import: "${id}" }, and this change replaces it (${certain.join(", ")}): ` +
            "remove the `import` option from the program first, as Pulumi requires for imported resources, then run again",
    );
}

/**
 * A create found its unique value taken by an object that cannot be shown to be the one this resource made: the
 * hint names the object and the exact option that adopts it.
 */
export function takenHint(id: string, why: string): string {
    return (
        `The object holding it has id ${id}, and it cannot be shown to be the one this stack made (${why}). ` +
        `If it is yours (an interrupted run can leave it behind), adopt it by adding { import: "${id}" } to the resource's options ` +
        "with a declaration that matches it; otherwise delete it or pick another name, then run again"
    );
}

/** Okta's refusal with the hint appended; the caller's usual context is added as for any error. */
export function withTakenHint(e: unknown, id: string, why: string): Error {
    const err = e instanceof Error ? e : new Error(String(e));
    err.message = `${err.message}. ${takenHint(id, why)}`;
    return err;
}

/** Why a taken name's object is not adopted when no create of this resource may have made it. */
export const NOT_OURS = "no earlier attempt of this create may have made it";

/** The hint for an `{ import }` whose object is not there. */
export const IMPORT_GONE_HINT =
    "if it was adopted earlier and has since been deleted outside Pulumi, remove the `import` option so that the next `up` creates it anew";
