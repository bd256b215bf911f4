/**
 * Quickselect (Hoare) shared by the k-d tree and the ball tree: reorders `order[s..e]` (inclusive) so
 * that `order[m]` holds the m-th smallest row along feature `dim` of the row-major `data` (`d` columns),
 * smaller rows before it and larger after.
 */
export function selectAlong(order: Int32Array, data: Float64Array, d: number, s: number, e: number, m: number, dim: number): void {
  while (s < e) {
    const pivot = data[order[(s + e) >> 1] * d + dim];
    let i = s;
    let j = e;
    while (i <= j) {
      while (data[order[i] * d + dim] < pivot) i++;
      while (data[order[j] * d + dim] > pivot) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (m <= j) e = j;
    else if (m >= i) s = i;
    else return;
  }
}
