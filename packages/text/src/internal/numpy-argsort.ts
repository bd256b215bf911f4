/**
 * NumPy's default `argsort` (kind='quicksort') for 64-bit numbers, ported from numpy 1.24
 * (numpy/core/src/npysort/quicksort.cpp `aquicksort_`, heapsort.cpp `aheapsort_`): introsort with
 * median-of-three partitioning, insertion sort up to 16 elements and a heapsort fallback. It is not
 * stable, and scikit-learn's `max_features` tie-breaking depends on its exact element order, so we
 * reproduce it rather than use a stable sort.
 */
const SMALL_QUICKSORT = 15;

export function numpyArgsort(v: Float64Array): Int32Array {
  const num = v.length;
  const a = new Int32Array(num);
  for (let i = 0; i < num; i++) a[i] = i;
  if (num < 2) return a;
  const swap = (i: number, j: number): void => {
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  };
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = 2 * Math.floor(Math.log2(num));
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, a, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[a[pm]] < v[a[pl]]) swap(pm, pl);
        if (v[a[pr]] < v[a[pm]]) swap(pr, pm);
        if (v[a[pm]] < v[a[pl]]) swap(pm, pl);
        const vp = v[a[pm]];
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (v[a[pi]] < vp);
          do --pj;
          while (vp < v[a[pj]]);
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = a[pi];
        const vp = v[vi];
        let pj = pi;
        while (pj > pl && vp < v[a[pj - 1]]) {
          a[pj] = a[pj - 1];
          pj--;
        }
        a[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop() as number;
    pl = stack.pop() as number;
    cdepth = depths.pop() as number;
  }
  return a;
}

function heapsort(v: Float64Array, arr: Int32Array, start: number, n: number): void {
  // 1-based indexing over arr[start .. start + n - 1].
  const at = (k: number): number => arr[start + k - 1];
  const set = (k: number, x: number): void => {
    arr[start + k - 1] = x;
  };
  for (let l = n >> 1; l > 0; --l) {
    const tmp = at(l);
    let i = l;
    for (let j = l << 1; j <= n; ) {
      if (j < n && v[at(j)] < v[at(j + 1)]) j += 1;
      if (v[tmp] < v[at(j)]) {
        set(i, at(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
  for (; n > 1; ) {
    const tmp = at(n);
    set(n, at(1));
    n -= 1;
    let i = 1;
    for (let j = 2; j <= n; ) {
      if (j < n && v[at(j)] < v[at(j + 1)]) j++;
      if (v[tmp] < v[at(j)]) {
        set(i, at(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
}
