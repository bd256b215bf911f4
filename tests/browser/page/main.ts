/**
 * The test page: exposes `window.ml.run(backend, wasmPaths)`, which runs the shared workload on one
 * backend, draws a table of what happened (for the screenshot) and returns the numbers to the test.
 */
import type { BackendName } from '@ml/core';
import { PART_NAMES, runWorkload, type WorkloadResult } from '../workload.js';

function cell(row: HTMLTableRowElement, text: string, cls?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (cls !== undefined) td.className = cls;
}

function render(result: WorkloadResult): void {
  const section = document.createElement('section');
  const title = document.createElement('h2');
  const setup = result.setup;
  title.textContent =
    'error' in setup
      ? `${result.requested}: unavailable (${setup.error})`
      : `${setup.name}${setup.adapter !== undefined ? ` (${setup.adapter})` : ''}, leaked tensors: ${result.leaked}`;
  section.append(title);
  const table = document.createElement('table');
  for (const name of PART_NAMES) {
    const part = result.parts[name];
    if (part === undefined) continue;
    const row = table.insertRow();
    cell(row, name);
    if ('error' in part) cell(row, `error: ${part.error}`, 'err');
    else {
      const shown = part.values.slice(0, 5).map((v) => v.toPrecision(5));
      cell(row, `ok, ${part.values.length} values: ${shown.join(', ')}${part.values.length > 5 ? ', …' : ''}`, 'ok');
    }
  }
  section.append(table);
  document.getElementById('results')?.append(section);
}

async function run(backend: BackendName, wasmPaths: string): Promise<WorkloadResult> {
  const result = await runWorkload(backend, { wasmPaths });
  render(result);
  return result;
}

const gpu = (navigator as Navigator & { gpu?: unknown }).gpu;
const env = document.getElementById('env');
if (env !== null) env.textContent = `${navigator.userAgent}; navigator.gpu ${gpu === undefined ? 'missing' : 'present'}`;
(window as unknown as { ml: { run: typeof run } }).ml = { run };
document.body.dataset.ready = '1';
