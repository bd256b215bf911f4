/**
 * Records what a workload's standalone mode printed (its side-by-side table with the JavaScript peer
 * libraries, and its target checks) as a section of benchmarks/RESULTS.md, when the command line has
 * `--record`. The harness (`run.mjs`) cannot run those peers: they are not tfjs code, and some need
 * a child process or minutes per call.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.mjs';
import { updateResults } from './results-md.mjs';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'RESULTS.md');

/** Collects printed lines; `flush(name, title, about)` writes them when `--record` was given. */
export function standaloneRecorder(script) {
  const start = machineInfo();
  const lines = [];
  return {
    /** Prints a line and keeps it for the record. */
    log(line = '') {
      console.log(line);
      lines.push(...String(line).split('\n'));
    },
    /** Writes the section `<name>` (only with `--record`); returns whether it wrote. */
    flush(name, title, about) {
      if (!process.argv.includes('--record')) return false;
      const end = machineInfo();
      const args = process.argv.slice(2).join(' ');
      const body = [
        `## ${title}`,
        '',
        about,
        '',
        `- Measured ${start.date} on ${start.cpu}, ${start.cores} cores, ${start.memoryGiB} GiB, ${start.platform}; Node ${start.node}.`,
        `- Load average (1/5/15 min) ${start.loadavg.join(' / ')} at the start and ${end.loadavg.join(' / ')} at the end.`,
        `- Command: \`node benchmarks/workloads/${script}${args ? ` ${args}` : ''}\` (from the repository root, after building the packages).`,
        '',
        'Output:',
        '',
      ];
      // consecutive table lines stay a Markdown table (with its separator row); other lines go in text blocks
      let i = 0;
      while (i < lines.length) {
        const table = lines[i].startsWith('|');
        let j = i;
        while (j < lines.length && lines[j].startsWith('|') === table) j++;
        const group = lines.slice(i, j);
        if (table) {
          const cols = group[0].split('|').length - 2;
          body.push(group[0], `|${' --- |'.repeat(cols)}`, ...group.slice(1), '');
        } else if (group.some((l) => l.trim() !== '')) {
          body.push('```text', ...group, '```', '');
        }
        i = j;
      }
      const out = body;
      updateResults(RESULTS, name, out.join('\n'));
      console.log(`recorded in benchmarks/RESULTS.md (section ${name})`);
      return true;
    },
  };
}
