/**
 * `SoftmaxRegression`: multinomial logistic regression with an L2 penalty, the objective of
 * scikit-learn 1.2's `LogisticRegression(multi_class='multinomial', penalty='l2', C)`:
 *
 *   minimise  ½‖W‖² + C · Σᵢ −log softmax(xᵢW + b)[yᵢ]     (the intercept b is not penalised)
 *
 * solved in float64 on the CPU by L-BFGS (Nocedal, "Updating Quasi-Newton Matrices with Limited
 * Storage", 1980; two-loop recursion, memory 10) with an Armijo backtracking line search. Internal to
 * `@ml/sequence` (the dependency graph keeps `@ml/classical` out); `EmbeddingBagClassifier` uses it.
 *
 * Letters: N samples, F features, K classes.
 */

export interface SoftmaxRegressionOptions {
  /** Inverse regularisation strength (scikit-learn's `C`). @default 1 */
  C?: number;
  /** Stop when the largest gradient entry is below this (scaled by max(1, |objective|)). @default 1e-6 */
  tol?: number;
  /** Most L-BFGS iterations. @default 1000 */
  maxIter?: number;
}

export const SOFTMAX_REGRESSION_DEFAULTS = { C: 1, tol: 1e-6, maxIter: 1000 } as const satisfies Required<SoftmaxRegressionOptions>;

export interface SoftmaxRegressionFit {
  /** `[F, K]` row-major. */
  coef: Float64Array;
  /** `[K]`. */
  intercept: Float64Array;
  /** Iterations run. */
  nIter: number;
  /** Whether the gradient tolerance was reached. */
  converged: boolean;
}

/** Objective and gradient at `theta` = [W (F·K), b (K)]; writes the gradient into `grad`. */
function objective(theta: Float64Array, grad: Float64Array, X: Float64Array, y: Int32Array, n: number, f: number, k: number, C: number): number {
  const fk = f * k;
  grad.fill(0);
  let loss = 0;
  const z = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) z[c] = theta[fk + c];
    for (let j = 0; j < f; j++) {
      const x = X[i * f + j];
      if (x === 0) continue;
      for (let c = 0; c < k; c++) z[c] += x * theta[j * k + c];
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
    const lse = max + Math.log(sum);
    loss += lse - z[y[i]];
    for (let c = 0; c < k; c++) z[c] = Math.exp(z[c] - lse) - (c === y[i] ? 1 : 0); // p − onehot
    for (let j = 0; j < f; j++) {
      const x = X[i * f + j];
      if (x === 0) continue;
      for (let c = 0; c < k; c++) grad[j * k + c] += C * x * z[c];
    }
    for (let c = 0; c < k; c++) grad[fk + c] += C * z[c];
  }
  let reg = 0;
  for (let i = 0; i < fk; i++) {
    reg += theta[i] * theta[i];
    grad[i] += theta[i];
  }
  return 0.5 * reg + C * loss;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Fits the model on `X` (`[N, F]` row-major) and class indices `y` in [0, K). */
export function fitSoftmaxRegression(X: Float64Array, y: Int32Array, n: number, f: number, k: number, options: SoftmaxRegressionOptions = {}): SoftmaxRegressionFit {
  const { C, tol, maxIter } = { ...SOFTMAX_REGRESSION_DEFAULTS, ...options };
  const size = f * k + k;
  let theta = new Float64Array(size);
  let grad = new Float64Array(size);
  let value = objective(theta, grad, X, y, n, f, k, C);
  const memory = 10;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  let nIter = 0;
  let converged = false;
  const next = new Float64Array(size);
  const nextGrad = new Float64Array(size);
  for (; nIter < maxIter; nIter++) {
    let gmax = 0;
    for (let i = 0; i < size; i++) gmax = Math.max(gmax, Math.abs(grad[i]));
    if (gmax <= tol * Math.max(1, Math.abs(value))) {
      converged = true;
      break;
    }
    // Two-loop recursion: d = −H·g.
    const d = Float64Array.from(grad, (g) => -g);
    for (let m = S.length - 1; m >= 0; m--) {
      alpha[m] = rho[m] * dot(S[m], d);
      for (let i = 0; i < size; i++) d[i] -= alpha[m] * Y[m][i];
    }
    const gamma = S.length > 0 ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(grad, grad)));
    for (let i = 0; i < size; i++) d[i] *= gamma;
    for (let m = 0; m < S.length; m++) {
      const beta = rho[m] * dot(Y[m], d);
      for (let i = 0; i < size; i++) d[i] += S[m][i] * (alpha[m] - beta);
    }
    let slope = dot(grad, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < size; i++) d[i] = -grad[i] / Math.max(1, Math.sqrt(dot(grad, grad)));
      slope = dot(grad, d);
    }
    // Armijo backtracking.
    let step = 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 50; tries++) {
      for (let i = 0; i < size; i++) next[i] = theta[i] + step * d[i];
      nextValue = objective(next, nextGrad, X, y, n, f, k, C);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue < value) && !(nextValue <= value + 1e-4 * step * slope)) break; // no progress possible
    const s = new Float64Array(size);
    const yv = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = next[i] - theta[i];
      yv[i] = nextGrad[i] - grad[i];
    }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    [theta, grad] = [Float64Array.from(next), Float64Array.from(nextGrad)];
    const change = value - nextValue;
    value = nextValue;
    if (change >= 0 && change <= 1e-15 * Math.max(1, Math.abs(value))) {
      converged = true;
      nIter++;
      break;
    }
  }
  return { coef: theta.slice(0, f * k), intercept: theta.slice(f * k), nIter, converged };
}

/** Class probabilities `[N, K]` row-major of `X` (`[N, F]`). */
export function softmaxProba(X: Float64Array, n: number, f: number, coef: ArrayLike<number>, intercept: ArrayLike<number>): Float64Array {
  const k = intercept.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const z = out.subarray(i * k, (i + 1) * k);
    for (let c = 0; c < k; c++) z[c] = intercept[c];
    for (let j = 0; j < f; j++) {
      const x = X[i * f + j];
      if (x !== 0) for (let c = 0; c < k; c++) z[c] += x * coef[j * k + c];
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
    for (let c = 0; c < k; c++) z[c] /= sum;
  }
  return out;
}
