import * as pulumi from "@pulumi/pulumi";

/** Okta's schema types with every level accepting a pulumi.Input; unions stay discriminated. */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
    ? pulumi.Input<T>
    : T extends (infer U)[]
      ? pulumi.Input<DeepInput<U>[]>
      : T extends object
        ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
        : pulumi.Input<T>;
