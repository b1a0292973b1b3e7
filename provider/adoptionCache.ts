// What check() fetched to verify an `{ import }` adoption, kept for the create() that follows in the same engine
// run, so adopting costs one GET, not two. Taken once; a create in another process fetches again.
export class AdoptionCache<T> {
    private readonly fetched = new Map<string, T>();

    keep(id: string, object: T): void {
        this.fetched.set(id, object);
    }

    take(id: string): T | undefined {
        const o = this.fetched.get(id);
        this.fetched.delete(id);
        return o;
    }
}
