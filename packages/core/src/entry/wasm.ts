/**
 * The `@ml/core/wasm` subpath: building blocks for this monorepo's hand-assembled WebAssembly SIMD
 * kernels (core's, and those of @ml/transformer, @ml/classical and @ml/graph) — the binary-format
 * encodings (unsigned/signed LEB128, vectors, names, sections, `local.get/set/tee`; WebAssembly core
 * spec 2.0 §5) and the lookup of tfjs-backend-wasm's heap with one instance per memory.
 *
 * Low-level and semver-minor: these helpers may change in a minor release of @ml/core; packages of
 * this monorepo pin it with `workspace:^`.
 * @see https://webassembly.github.io/spec/core/binary/index.html
 */
export { backendMemory, get, name, perMemory, section, set, sleb, tee, uleb, vec } from '../backend/kernels/wasm-binary.js';
