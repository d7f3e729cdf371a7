import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, parseCliArgs } from '../cli/parseCliArgs.js';
import { parseDuration } from '../cli/parseDuration.js';
import { UsageError } from '../common/UsageError.js';

describe('parseCliArgs', () => {
  it('drops the leading -- that pnpm start hands on, so flags after it still count', () => {
    const options = parseCliArgs(['--', '--json', 'Tell me a joke.']);
    expect(options.output).toBe('json');
    expect(options.prompt).toBe('Tell me a joke.');
  });

  it('joins several prompt arguments with spaces', () => {
    expect(parseCliArgs(['Tell', 'me', 'a', 'joke.']).prompt).toBe('Tell me a joke.');
  });

  it('leaves the prompt undefined without arguments (read stdin)', () => {
    expect(parseCliArgs([]).prompt).toBeUndefined();
  });

  it('defaults to the Llama model, chat, two retries and no timeouts', () => {
    const options = parseCliArgs(['Hi']);
    expect(options).toMatchObject({ model: DEFAULT_MODEL, generateText: false, retries: 2, output: 'text' });
    expect([options.firstTokenMs, options.idleMs, options.totalMs, options.format]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads every flag', () => {
    const options = parseCliArgs([
      '--profile', 'CHICAGO', '--config', '/tmp/config', '--auth', 'session-token', '--region', 'us-chicago-1',
      '--compartment', 'ocid1.compartment.oc1..a', '--endpoint', 'http://127.0.0.1:9/20231130/', '--model', 'cohere.command-r-plus',
      '--format', 'cohere', '--sentences', '--first-token-timeout', '10s', '--idle-timeout', '500ms', '--timeout', '2m',
      '--retries', '0', '--max-tokens', '100', '--temperature', '0.5', '--system', 'Be brief.', '--debug', 'Hi',
    ]);
    expect(options).toMatchObject({
      profile: 'CHICAGO', configFile: '/tmp/config', auth: 'session-token', region: 'us-chicago-1',
      compartmentId: 'ocid1.compartment.oc1..a', endpoint: 'http://127.0.0.1:9', model: 'cohere.command-r-plus',
      format: 'COHERE', output: 'sentences', firstTokenMs: 10_000, idleMs: 500, totalMs: 120_000,
      retries: 0, maxTokens: 100, temperature: 0.5, system: 'Be brief.', debug: true, prompt: 'Hi',
    });
  });

  it('takes the generateText runtimes as --format with --generate-text, and only then', () => {
    expect(parseCliArgs(['--generate-text', '--format', 'llama', 'Hi']).format).toBe('LLAMA');
    expect(() => parseCliArgs(['--format', 'LLAMA', 'Hi'])).toThrow(/--format is the chat format: GENERIC, COHERE, COHEREV2/);
  });

  it.each([
    [['--bogus'], 'Unknown option --bogus. Run with --help for the flags.'],
    [['--model'], 'Option --model needs a value. Run with --help for the flags.'],
    [['--json', '--sentences', 'Hi'], '--json and --sentences cannot be combined: pick one output.'],
    [['--auth', 'password', 'Hi'], '--auth must be one of config-file, session-token, instance-principal, resource-principal, not "password".'],
    [['--retries', 'two', 'Hi'], '--retries must be a whole number of at least 0, not "two".'],
    [['--retries', '-1', 'Hi'], '--retries must be a whole number of at least 0, not "-1".'],
    [['--retries=-1', 'Hi'], '--retries must be a whole number of at least 0, not "-1".'],
    [['--max-tokens', '0', 'Hi'], '--max-tokens must be a whole number of at least 1, not "0".'],
    [['--temperature', 'hot', 'Hi'], '--temperature must be a number of at least 0 (e.g. 0.7), not "hot".'],
    [['--endpoint', 'inference.example', 'Hi'], '--endpoint must be a URL such as https://inference.generativeai.us-chicago-1.oci.oraclecloud.com, not "inference.example".'],
    [['--generate-text', '--system', 'Be brief.', 'Hi'], '--system does not apply to --generate-text (generateText has no system prompt): put it in the prompt.'],
  ])('refuses %j with a UsageError that says what to change', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new UsageError(message));
  });
});

describe('parseDuration', () => {
  it.each([
    ['1500', 1500],
    ['1500ms', 1500],
    ['1.5s', 1500],
    ['2m', 120_000],
    [' 10 S ', 10_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration('--timeout', text)).toBe(ms);
  });

  it.each(['0', '-1', 'soon', '5h', ''])('refuses %j naming the flag', (text) => {
    expect(() => parseDuration('--idle-timeout', text)).toThrow(/^--idle-timeout must be a duration above 0/);
  });

  it('is undefined when the flag is absent', () => {
    expect(parseDuration('--timeout', undefined)).toBeUndefined();
  });
});
