/**
 * The kinds of rule by which a core op's result dtype follows from its
 * arguments (JAX's rules; `results.ts` gives each op its rule).
 *
 * @module
 */

/** How a core op's result dtype follows from its arguments. */
export type ResultRule =
  | "dtype"
  | "same"
  | "sum"
  | "float"
  | "promote"
  | "divide"
  | "where"
  | "bool"
  | "int32"
  | "python_int";
