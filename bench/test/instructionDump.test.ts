import { describe, expect, it } from 'vitest';
import { backgroundCompileFunction, readInstructionDump } from '../src/instructionDump.js';

// The shape callgrind 3.19 writes with --dump-instr=no (the default): compressed names, a
// `calls=` line and the call's inclusive cost, on a worker thread and on the main thread.
const dump = `# callgrind format
version: 1
creator: callgrind-3.19.0
positions: line
events: Ir
summary: 1000000

ob=(1) /usr/bin/node
fl=(1) ???
fn=(10) node::(anonymous namespace)::PlatformWorkerThread(void*)
0 40
cfn=(11) non-virtual thunk to v8::internal::CancelableTask::Run()
calls=3 0
0 250000

fn=(11)
0 30
cfn=(12) ${backgroundCompileFunction}
calls=2 0
0 200000
cfn=(13) v8::internal::ScavengerCollector::JobTask::Run(v8::JobDelegate*)
calls=1 0
0 49970

fn=(20) node::SpinEventLoopInternal(node::Environment*)
0 700000
cfn=(12)
calls=1 0
0 50000
cfn=(13)
calls=1 0
0 20000
`;

describe('readInstructionDump', () => {
  it('reads the dump total from the summary line', () => {
    expect(readInstructionDump(dump).instructions).toBe(1_000_000);
  });

  it('adds up the inclusive cost of every call to the background compile job, named in full or by its id', () => {
    expect(readInstructionDump(dump).backgroundCompile).toBe(250_000);
  });

  it('counts no compiles in a dump whose calls are all to other functions', () => {
    expect(readInstructionDump(dump.replaceAll(backgroundCompileFunction, 'v8::internal::MinorGCJob::Task::RunInternal()')).backgroundCompile).toBe(0);
  });

  it('reads Ir where more events are counted and positions are line and instruction', () => {
    const withCaches = dump
      .replace('positions: line', 'positions: instr line')
      .replace('events: Ir', 'events: Dr Ir')
      .replace('summary: 1000000', 'summary: 5 1000000')
      .replaceAll(/^0 (\d+)$/gm, '0x10 0 7 $1');
    expect(readInstructionDump(withCaches)).toEqual({ instructions: 1_000_000, backgroundCompile: 250_000 });
  });

  it('refuses a file without an instruction total', () => {
    expect(() => readInstructionDump('# callgrind format\nevents: Ir\n')).toThrow(/no instruction total/);
  });
});
