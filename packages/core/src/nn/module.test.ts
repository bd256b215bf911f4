import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../backend/set-backend.js';
import { assertClose, assertNoLeaks } from '../testing/index.js';
import {
  BatchNorm1d,
  type AnyModule,
  Embedding,
  Linear,
  Module,
  ModuleDict,
  ModuleList,
  ReLU,
  Sequential,
  StateDictError,
  fromTorchStateDict,
  toTorchStateDict,
} from './index.js';

class Block extends Module {
  fc = new Linear(4, 4, { seed: 11 });
  act = new ReLU();
  norm = new BatchNorm1d(4);
  forward(x: tf.Tensor): tf.Tensor {
    return this.norm.forward(this.act.forward(this.fc.forward(x)));
  }
}

class Net extends Module {
  scale: tf.Variable;
  embed = new Embedding(10, 4, { seed: 3 });
  layers = [new Block(), new Block()];
  head = new ModuleDict({ out: new Linear(4, 3, { seed: 5 }) });
  notes = ['plain arrays of other values are ignored'];
  constructor() {
    super();
    const one = tf.scalar(1);
    this.scale = tf.variable(one);
    one.dispose();
  }
  forward(ids: tf.Tensor): tf.Tensor {
    let h = this.embed.forward(ids); // [B, 4]
    for (const block of this.layers) h = block.forward(h);
    return tf.mul(this.head.get('out').forward(h), this.scale); // [B, 3]
  }
}

const BLOCK_PARAMS = ['fc.weight', 'fc.bias', 'norm.weight', 'norm.bias'];
const BLOCK_BUFFERS = ['norm.runningMean', 'norm.runningVar', 'norm.numBatchesTracked'];

describe('Module registry and state', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('discovers parameters by declaration order with dotted paths (own first, then children)', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      'scale',
      'embed.weight',
      ...BLOCK_PARAMS.map((p) => `layers.0.${p}`),
      ...BLOCK_PARAMS.map((p) => `layers.1.${p}`),
      'head.out.weight',
      'head.out.bias',
    ]);
    expect(net.parameters().every((v) => v instanceof tf.Variable && v.trainable)).toBe(true);
    expect(net.namedBuffers().map(([n]) => n)).toEqual([...BLOCK_BUFFERS.map((b) => `layers.0.${b}`), ...BLOCK_BUFFERS.map((b) => `layers.1.${b}`)]);
    expect(net.buffers().every((v) => !v.trainable)).toBe(true);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['embed', 'layers.0', 'layers.1', 'head']);
    expect(net.namedModules().map(([n]) => n)).toEqual([
      '', 'embed', 'layers.0', 'layers.0.fc', 'layers.0.act', 'layers.0.norm', 'layers.1', 'layers.1.fc', 'layers.1.act', 'layers.1.norm', 'head', 'head.out',
    ]);
    expect(net.numParameters()).toBe(1 + 40 + 2 * (16 + 4 + 4 + 4) + 12 + 3);
    net.dispose();
  });

  it('stateDict lists parameters then buffers per module, as clones the caller owns', async () => {
    const net = new Net();
    const sd = net.stateDict();
    expect(Object.keys(sd).slice(0, 9)).toEqual(['scale', 'embed.weight', ...BLOCK_PARAMS.map((p) => `layers.0.${p}`), ...BLOCK_BUFFERS.map((b) => `layers.0.${b}`)]);
    const before = await sd['embed.weight'].data();
    tf.tidy(() => net.embed.weight.assign(tf.zerosLike(net.embed.weight)));
    await assertClose(sd['embed.weight'], before); // the snapshot did not change
    tf.dispose(Object.values(sd));
    expect(net.embed.weight.isDisposed).toBe(false);
    net.dispose();
  });

  it('loadStateDict copies a state between models and the outputs agree', async () => {
    await assertNoLeaks(async () => {
      const a = new Net().eval();
      const b = new Net().eval();
      tf.tidy(() => b.embed.weight.assign(tf.onesLike(b.embed.weight)));
      const sd = a.stateDict();
      const result = b.loadStateDict(sd);
      expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
      tf.dispose(Object.values(sd));
      const ids = tf.tensor1d([1, 7, 3], 'int32');
      const ya = a.call(ids);
      const yb = b.call(ids);
      await assertClose(yb, ya, { rtol: 0, atol: 0 });
      tf.dispose([ids, ya, yb]);
      a.dispose();
      b.dispose();
    });
  });

  it('loadStateDict names every missing, unexpected and mis-shaped key and loads nothing', async () => {
    const net = new Linear(3, 2, { seed: 1 });
    const original = await net.weight.data();
    const bad = { weight: tf.zeros([2, 3]), extra: tf.zeros([1]) };
    const err = (() => {
      try {
        net.loadStateDict(bad);
      } catch (e) {
        return e;
      }
      return undefined;
    })() as StateDictError;
    expect(err).toBeInstanceOf(StateDictError);
    expect(err.missingKeys).toEqual(['bias']);
    expect(err.unexpectedKeys).toEqual(['extra']);
    expect(err.mismatches).toEqual([
      { name: 'weight', expectedShape: [3, 2], receivedShape: [2, 3], expectedDtype: 'float32', receivedDtype: 'float32' },
    ]);
    expect(err.message).toMatch(/missing keys 'bias'/);
    expect(err.message).toMatch(/unexpected keys 'extra'/);
    expect(err.message).toMatch(/shape mismatch for 'weight': expected \[3, 2\], received \[2, 3\] \(PyTorch layout\?/);
    await assertClose(net.weight, original, { rtol: 0, atol: 0 });
    // non-strict: missing/unexpected are reported, a shape mismatch still throws
    const partial = { weight: tf.ones([3, 2]), extra: tf.zeros([1]) };
    expect(net.loadStateDict(partial, { strict: false })).toEqual({ missingKeys: ['bias'], unexpectedKeys: ['extra'] });
    await assertClose(net.weight, new Array(6).fill(1));
    expect(() => net.loadStateDict({ weight: tf.ones([2, 2]) }, { strict: false })).toThrow(/shape mismatch for 'weight'/);
    expect(() => net.loadStateDict({ weight: tf.ones([3, 2], 'int32'), bias: tf.zeros([2]) })).toThrow(/dtype mismatch for 'weight': expected float32, received int32/);
    tf.dispose([...Object.values(bad), ...Object.values(partial)]);
    net.dispose();
  });

  it('train()/eval() reach every descendant; freeze()/unfreeze() toggle trainable', () => {
    const net = new Net();
    expect(net.modules().every((m) => m.training)).toBe(true);
    expect(net.eval()).toBe(net);
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.layers[1].train();
    expect(net.layers[1].norm.training).toBe(true);
    expect(net.layers[0].norm.training).toBe(false);
    net.layers[0].freeze();
    expect(net.layers[0].parameters().every((v) => !v.trainable)).toBe(true);
    expect(net.numParameters({ trainableOnly: true })).toBe(net.numParameters() - 28);
    net.freeze();
    expect(net.numParameters({ trainableOnly: true })).toBe(0);
    net.unfreeze();
    expect(net.parameters().every((v) => v.trainable)).toBe(true);
    net.dispose();
  });

  it('lists a shared module once and rejects arrays that mix modules with other values', () => {
    const shared = new Linear(2, 2, { seed: 1 });
    class Tied extends Module {
      a = shared;
      b = shared;
      forward(x: tf.Tensor): tf.Tensor {
        return this.b.forward(this.a.forward(x));
      }
    }
    const tied = new Tied();
    expect(tied.namedParameters().map(([n]) => n)).toEqual(['a.weight', 'a.bias']);
    class Mixed extends Module {
      parts: unknown[] = [shared, 3];
      forward(x: tf.Tensor): tf.Tensor {
        return x;
      }
    }
    expect(() => new Mixed().parameters()).toThrow(/property 'parts' mixes Modules\/Variables with other values/);
    shared.dispose();
  });

  it('registerBuffer: non-persistent buffers stay out of the state dict; names are checked', () => {
    class WithBuffers extends Module {
      kept: tf.Variable;
      scratch: tf.Variable;
      constructor() {
        super();
        const t = tf.zeros([2]);
        this.kept = this.registerBuffer('kept', t);
        this.scratch = this.registerBuffer('scratch', t, { persistent: false });
        t.dispose();
      }
      forward(x: tf.Tensor): tf.Tensor {
        return x;
      }
    }
    const m = new WithBuffers();
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['kept', 'scratch']);
    expect(m.parameters()).toEqual([]);
    const sd = m.stateDict();
    expect(Object.keys(sd)).toEqual(['kept']);
    tf.dispose(Object.values(sd));
    expect(() => m.registerBuffer('kept', tf.zeros([1]))).toThrow(/a buffer named 'kept' already exists/);
    expect(() => m.registerBuffer('a.b', tf.zeros([1]))).toThrow(/'name' must be a non-empty string without '\.'; received "a.b"/);
    m.dispose();
  });

  it('dispose() frees every parameter and buffer', async () => {
    await assertNoLeaks(() => {
      const net = new Net();
      net.dispose();
      expect(net.parameters().every((v) => v.isDisposed)).toBe(true);
    });
  });

  it('call() runs forward in tidy: only the result survives', async () => {
    const net = new Net().eval();
    const ids = tf.tensor1d([0, 1], 'int32');
    await assertNoLeaks(() => {
      const y = net.call(ids);
      expect(y.shape).toEqual([2, 3]);
      y.dispose();
    });
    ids.dispose();
    net.dispose();
  });
});

describe('containers', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('Sequential chains forward and names children 0, 1, …', async () => {
    const seq = new Sequential(new Linear(3, 4, { seed: 1 }), new ReLU(), new Linear(4, 2, { seed: 2 }));
    expect(seq.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.length).toBe(3);
    expect(seq.at(-1)).toBe([...seq][2]);
    expect(() => seq.at(3)).toThrow(/'index' must be an integer in \[-3, 2\]; received 3/);
    const x = tf.tensor2d([[1, -2, 0.5]]);
    const y = seq.call(x);
    const manual = tf.tidy(() => (seq.at(2) as Linear).forward(tf.relu((seq.at(0) as Linear).forward(x))));
    await assertClose(y, manual, { rtol: 0, atol: 0 });
    tf.dispose([x, y, manual]);
    seq.dispose();
  });

  it('ModuleList and ModuleDict register in order and refuse forward', () => {
    const list = new ModuleList([new Linear(2, 2, { seed: 1 })]).append(new Linear(2, 1, { seed: 2 }));
    expect(list.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect(() => list.forward()).toThrow(/ModuleList has no forward/);
    const dict = new ModuleDict<AnyModule>([['enc', new Linear(2, 2, { seed: 3 })]]);
    dict.set('dec', new Linear(2, 2, { seed: 4 }));
    expect(dict.keys()).toEqual(['enc', 'dec']);
    expect(dict.namedParameters()[2][0]).toBe('dec.weight');
    expect(() => dict.get('nope')).toThrow(/no module under 'key' "nope"; keys are \[enc, dec\]/);
    expect(() => dict.set('a.b', new ReLU())).toThrow(/'key' must be a non-empty string without '\.'/);
    list.dispose();
    dict.dispose();
  });
});

describe('PyTorch state dict conversion', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('toTorchStateDict gives PyTorch names and layouts; fromTorchStateDict inverts it', async () => {
    const net = new Net();
    const torchSd = toTorchStateDict(net);
    expect(Object.keys(torchSd)).toContain('layers.0.norm.running_mean');
    expect(Object.keys(torchSd)).toContain('layers.1.norm.num_batches_tracked');
    expect(torchSd['head.out.weight'].shape).toEqual([3, 4]); // [out, in]
    expect(torchSd['embed.weight'].shape).toEqual([10, 4]); // not transposed
    const back = fromTorchStateDict(net, torchSd);
    const ours = net.stateDict();
    expect(Object.keys(back).sort()).toEqual(Object.keys(ours).sort());
    for (const k of Object.keys(ours)) await assertClose(back[k], ours[k], { rtol: 0, atol: 0, label: k });
    tf.dispose([...Object.values(torchSd), ...Object.values(back), ...Object.values(ours)]);
    net.dispose();
  });

  it('passes unknown PyTorch keys through so strict loading reports them', () => {
    const lin = new Linear(2, 3, { seed: 1 });
    const torchSd = { weight: tf.zeros([3, 2]), bias: tf.zeros([3]), 'extra.bias': tf.zeros([1]) };
    const converted = fromTorchStateDict(lin, torchSd);
    expect(converted.weight.shape).toEqual([2, 3]);
    expect(() => lin.loadStateDict(converted)).toThrow(/unexpected keys 'extra.bias'/);
    tf.dispose([...Object.values(torchSd), ...Object.values(converted)]);
    lin.dispose();
  });
});
