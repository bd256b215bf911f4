/** What a result was measured on: CPU model, cores, load, Node and tfjs versions, date. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

function cpuModel() {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: fall through to os.cpus()
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

/** A snapshot of the machine; `loadavg` is [1, 5, 15]-minute load averages at the time of the call. */
export function machineInfo() {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
