// Runs one of the example scripts as a child process, shows its output, and turns its exit code
// (every example exits non-zero below its own target) into a summary row.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `metricPattern` picks the output line shown as the summary row's result (default: a ranking line, else the last). */
export function runExample(task, script, log, metricPattern = /precision@10|converged|top/i) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(examples, script)], { cwd: dirname(join(examples, script)), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') log(`  ${line}`);
    });
    child.on('close', (code) => {
      const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
      const metric = (lines.find((l) => metricPattern.test(l)) ?? lines.at(-1) ?? '').slice(0, 60);
      resolve({ task, metric, ok: code === 0, target: `${script} exits 0` });
    });
  });
}
