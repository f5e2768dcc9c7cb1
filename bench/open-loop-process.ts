/**
 * Runs the open-loop generator (bench/open-loop.ts) in a process of its own. In the benchmark's own
 * process it shared an event loop and a heap with everything the benchmark had set up (TypeScript,
 * the ORM, 10,000 seeded items): that heap's collections stopped the generator for up to 40 ms, and
 * the open loop charged each such stall to the target. The generator process holds only the
 * generator: the benchmark's TypeScript is transpiled once into a temporary directory and run by
 * plain Node, so not even the compiler is in its heap. It inherits this process's CPUs (BENCH_PIN).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import type { OpenLoopResult, OpenLoopRun } from './open-loop';

const GENERATOR_SOURCES = ['open-loop', 'stats'];

let generatorDir: string | undefined;

/** The generator as plain JavaScript, transpiled once per benchmark process and removed when it exits. */
function transpiledGenerator(): string {
  if (generatorDir) return generatorDir;
  const dir = mkdtempSync(path.join(tmpdir(), 'onewindow-open-loop-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const name of GENERATOR_SOURCES) {
    const source = readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(path.join(dir, `${name}.js`), outputText);
  }
  generatorDir = dir;
  return dir;
}

/** Runs `run` in a fresh generator process and returns its measured figures. */
export function openLoopProcess(run: OpenLoopRun): Promise<OpenLoopResult> {
  const child = fork(path.join(transpiledGenerator(), 'open-loop.js'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<OpenLoopResult>((resolve, reject) => {
    child.once('message', (result: OpenLoopResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`the open-loop generator exited with ${code} before sending its figures`)));
    child.send(run);
  });
}
