import { styleText } from 'node:util';

/** The few styles the CLI uses. */
export type Style = 'dim' | 'red' | 'yellow' | 'cyan' | 'bold';

/** Paints text for one output stream, or leaves it plain. */
export type Paint = (style: Style, text: string) => string;

/**
 * A painter for `stream`: colours only when it is a TTY and `NO_COLOR` is unset or empty (as
 * no-color.org says). Node 20's `styleText` checks neither, so this does.
 *
 * @example
 * ```ts
 * const paint = terminalPaint(process.stderr, process.env);
 * process.stderr.write(paint('dim', 'note') + '\n');
 * ```
 */
export function terminalPaint(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): Paint {
  const colour = stream.isTTY === true && (env['NO_COLOR'] ?? '') === '';
  return colour ? (style, text) => styleText(style, text) : (_style, text) => text;
}
