/**
 * A node identifier: any string or finite number. Numbers and strings are kept distinct, so the
 * number `1` and the string `"1"` name two different nodes (as in a JavaScript `Map`).
 */
export type NodeId = string | number;
