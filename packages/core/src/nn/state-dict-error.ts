/** The error `Module.loadStateDict` throws when a state dict does not fit the module. */

/** One entry whose shape or dtype differs from the module's. */
export interface StateDictMismatch {
  /** The dotted name, e.g. `encoder.layers.0.weight`. */
  name: string;
  /** The shape the module holds. */
  expectedShape: number[];
  /** The shape the state dict brought. */
  receivedShape: number[];
  /** The dtype the module holds. */
  expectedDtype: string;
  /** The dtype the state dict brought. */
  receivedDtype: string;
}

function list(names: string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

function shape(s: number[]): string {
  return `[${s.join(', ')}]`;
}

/**
 * Thrown by `loadStateDict` (nothing is loaded when it is thrown). Lists every missing key, every
 * unexpected key and every shape/dtype mismatch at once.
 */
export class StateDictError extends Error {
  /** Names the module has but the state dict lacks. */
  readonly missingKeys: string[];
  /** Names the state dict has but the module lacks. */
  readonly unexpectedKeys: string[];
  /** Names present in both whose shape or dtype differ. */
  readonly mismatches: StateDictMismatch[];

  constructor(missingKeys: string[], unexpectedKeys: string[], mismatches: StateDictMismatch[]) {
    const parts: string[] = [];
    if (missingKeys.length > 0) parts.push(`missing keys ${list(missingKeys)}`);
    if (unexpectedKeys.length > 0) parts.push(`unexpected keys ${list(unexpectedKeys)}`);
    for (const m of mismatches) {
      if (m.expectedShape.join(',') !== m.receivedShape.join(',')) {
        const reversed = [...m.receivedShape].reverse().join(',') === m.expectedShape.join(',');
        parts.push(
          `shape mismatch for '${m.name}': expected ${shape(m.expectedShape)}, received ${shape(m.receivedShape)}` +
            (reversed && m.receivedShape.length > 1 ? ' (PyTorch layout? convert with fromTorchStateDict)' : ''),
        );
      } else {
        parts.push(`dtype mismatch for '${m.name}': expected ${m.expectedDtype}, received ${m.receivedDtype}`);
      }
    }
    super(`loadStateDict: the state dict does not fit the module: ${parts.join('; ')}`);
    this.name = 'StateDictError';
    this.missingKeys = missingKeys;
    this.unexpectedKeys = unexpectedKeys;
    this.mismatches = mismatches;
  }
}
