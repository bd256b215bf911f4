/**
 * Keeps benchmarks/RESULTS.md: one section per workload between marker comments. Re-running a
 * workload replaces its own section in place and leaves the others as they were.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADER = `# Benchmark results

Written by \`benchmarks/run.mjs\` (see [README.md](README.md)); every number below was measured by it
on the machine named in its section. Each workload's section is replaced when that workload is re-run;
the others are kept. Times are per call, in milliseconds, after a warm-up; "first call" is the very first
call on a fresh input (kernel compilation, allocation) and is reported apart from steady state.
`;

const start = (name) => `<!-- workload:${name}:start -->`;
const end = (name) => `<!-- workload:${name}:end -->`;

/** Replaces (or appends) the section of workload `name` in the file at `path`. */
export function updateResults(path, name, sectionMarkdown) {
  let text = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const block = `${start(name)}\n${sectionMarkdown.trim()}\n${end(name)}`;
  const from = text.indexOf(start(name));
  const to = text.indexOf(end(name));
  if (from !== -1 && to > from) {
    text = text.slice(0, from) + block + text.slice(to + end(name).length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(path, text);
}

/** A Markdown table from a header row and body rows (cells are stringified; pipes escaped). */
export function markdownTable(header, rows) {
  const cell = (v) => String(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
