// The official Frictionless JavaScript library (datapackage 1.1.10, with tableschema) ships no
// types: the part open-data.frictionless.test.ts uses.
declare module 'datapackage' {
  type CastError = Error & { rowNumber?: number; columnNumber?: number; errors?: CastError[] };
  export class Resource {
    readonly name: string;
    readonly tabular: boolean;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly headers: string[] | null;
    read(options: {
      keyed?: boolean;
      cast?: boolean;
      relations?: boolean;
      forceCast?: boolean;
    }): Promise<(unknown[] | CastError)[]>;
  }
  export class Package {
    static load(descriptor: string, options?: { strict?: boolean }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly resources: Resource[];
    getResource(name: string): Resource | null;
  }
}
