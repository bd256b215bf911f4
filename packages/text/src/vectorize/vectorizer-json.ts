/** The versioned JSON form of `CountVectorizer` / `TfidfVectorizer`. */
import { show } from '../internal/show.js';
import type { Analyzer } from './analyzer-options.js';
import type { CountVectorizerOptions } from './count-vectorizer.js';

/** Functions that JSON cannot hold, passed back to `fromJSON`. */
export interface CustomFunctions {
  analyzer?: Analyzer;
  tokenizer?: (doc: string) => string[];
  preprocessor?: (doc: string) => string;
}

/** JSON-safe option values: RegExps as `{ regex: source, flags }`, sets as arrays, functions as `{ custom: name }`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What `toJSON()` writes. */
export interface VectorizerJSON {
  format: 'ml-text/vectorizer';
  version: 1;
  kind: 'count' | 'tfidf';
  params: Record<string, JsonValue>;
  /** Fitted terms in column order, or null when not fitted. */
  vocabulary: string[] | null;
  prunedTerms: string[];
  /** Fitted idf weights (TF-IDF with `useIdf`); Infinity is written as the string 'Infinity'. */
  idf: (number | string)[] | null;
}

const FUNCTION_KEYS = ['analyzer', 'tokenizer', 'preprocessor'] as const;

export function writeParams(params: Readonly<CountVectorizerOptions>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'function') out[key] = { custom: key };
    else if (value instanceof RegExp) out[key] = { regex: value.source, flags: value.flags };
    else if (value instanceof Set) out[key] = { set: [...(value as Set<string>)] };
    else if (value instanceof Map) out[key] = { map: Object.fromEntries(value as Map<string, number>) };
    else out[key] = JSON.parse(JSON.stringify(value)) as JsonValue;
  }
  return out;
}

function readParam(where: string, key: string, value: JsonValue, functions: CustomFunctions): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if ('custom' in value) {
    const fn = (functions as Record<string, unknown>)[key];
    if (typeof fn !== 'function') {
      throw new TypeError(`${where}: this vectorizer was saved with a custom '${key}' function; pass it as functions.${key}`);
    }
    return fn;
  }
  if ('regex' in value) return new RegExp(String(value.regex), String(value.flags));
  if ('set' in value) return new Set(value.set as string[]);
  if ('map' in value) return new Map(Object.entries(value.map as Record<string, number>));
  return value;
}

export function readVectorizerJson(
  where: string,
  json: unknown,
  kind: 'count' | 'tfidf',
  functions: CustomFunctions,
): { params: Record<string, unknown>; vocabulary: string[] | null; prunedTerms: string[]; idf: Float64Array | null } {
  const j = json as Partial<VectorizerJSON> | null;
  if (j === null || typeof j !== 'object' || j.format !== 'ml-text/vectorizer') {
    throw new TypeError(`${where}: 'json' must be the output of toJSON() (format 'ml-text/vectorizer'); received ${show(json)}`);
  }
  if (j.version !== 1) throw new RangeError(`${where}: unsupported format version ${show(j.version)}; this release reads version 1`);
  if (j.kind !== kind) throw new RangeError(`${where}: 'json' holds a ${String(j.kind)} vectorizer, expected ${kind}`);
  if (typeof j.params !== 'object' || j.params === null) throw new TypeError(`${where}: 'json.params' must be an object`);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(j.params)) params[key] = readParam(where, key, value, functions);
  for (const key of FUNCTION_KEYS) if (functions[key] !== undefined && params[key] === undefined) params[key] = functions[key];
  const strings = (v: unknown, name: string): string[] => {
    if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) throw new TypeError(`${where}: 'json.${name}' must be an array of strings`);
    return v as string[];
  };
  const vocabulary = j.vocabulary === null || j.vocabulary === undefined ? null : strings(j.vocabulary, 'vocabulary');
  const prunedTerms = strings(j.prunedTerms ?? [], 'prunedTerms');
  let idf: Float64Array | null = null;
  if (j.idf !== null && j.idf !== undefined) {
    if (!Array.isArray(j.idf) || vocabulary === null || j.idf.length !== vocabulary.length) {
      throw new TypeError(`${where}: 'json.idf' must be an array with one weight per vocabulary term`);
    }
    idf = Float64Array.from(j.idf, (x) => Number(x));
  }
  return { params, vocabulary, prunedTerms, idf };
}
